// Tiny benchmark harness: repeat a measurement, report the median and the spread.
// The machines are shared and noisy, so every figure is a median of several runs, and
// comparisons are made against a baseline measured in the same run.
import os from 'node:os';

export interface Measurement {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** What this figure is compared with and the target from the issue, if any. */
  note?: string;
}

export async function measure(
  name: string,
  unit: string,
  runs: number,
  once: () => Promise<number> | number,
  note?: string,
): Promise<Measurement> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(await once());
  values.sort((a, b) => a - b);
  const m: Measurement = {
    name,
    unit,
    median: values[Math.floor(values.length / 2)],
    min: values[0],
    max: values[values.length - 1],
    runs,
    note,
  };
  console.log(`${name}: ${fmt(m.median)} ${unit} (min ${fmt(m.min)}, max ${fmt(m.max)}, ${runs} runs)`);
  return m;
}

export function fmt(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(2);
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function table(ms: Measurement[]): string {
  const rows = ms.map(
    (m) =>
      `| ${m.name} | ${fmt(m.median)} ${m.unit} | ${fmt(m.min)} – ${fmt(m.max)} | ${m.runs} | ${m.note ?? ''} |`,
  );
  return ['| measurement | median | range | runs | note |', '|---|---|---|---|---|', ...rows].join('\n');
}
