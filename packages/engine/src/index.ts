// @flowdeck/engine: the public face. Re-exports only; each room owns its own index.
export * from './ports.ts';
export * from './nodes/spec.ts';
export * from './graph/model.ts';
export * from './graph/index.ts';
export * from './compile/index.ts';
export * from './runtime/errors.ts';
export * from './runtime/index.ts';
export * from './patterns/index.ts';
export * from './store/index.ts';
export * from './schedules/index.ts';
export * from './events/index.ts';
export * from './polling/index.ts';
