// Browser stand-ins for node built-ins imported by server-side parts of the engine and node
// library (runtime, HTTP address guard). The editor never runs those paths; calling one fails loudly.
const unavailable = (name: string) => () => {
  throw new Error(`${name} is not available in the browser`);
};
export const randomUUID = () => globalThis.crypto.randomUUID();
export const createHash = unavailable('createHash');
export const createHmac = unavailable('createHmac');
export const randomBytes = unavailable('randomBytes');
export const timingSafeEqual = unavailable('timingSafeEqual');
export const lookup = unavailable('dns.lookup');
export const isIP = (s: string) => (/^\d+\.\d+\.\d+\.\d+$/.test(s) ? 4 : s.includes(':') ? 6 : 0);
export const isIPv4 = (s: string) => isIP(s) === 4;
export const isIPv6 = (s: string) => isIP(s) === 6;
export const BlockList = class {
  addAddress() {}
  addRange() {}
  addSubnet() {}
  check() {
    return false;
  }
};
export const createServer = unavailable('http.createServer');
export const Agent = class {};
export default {};
