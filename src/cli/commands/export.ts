// oncall export yaml

import type { Command } from 'commander';
import { invocation } from '../globals.js';

export function registerExport(program: Command): void {
  const exporter = program.command('export').description('write the current state in another format');
  exporter
    .command('yaml')
    .description('everything as YAML, in the format apply reads (a lossless round trip)')
    .action(async (_options, command: Command) => {
      const run = await invocation(command);
      const { exportYaml } = await import('../../app/export-yaml.js');
      run.print(await exportYaml(run.ctx));
    });
}
