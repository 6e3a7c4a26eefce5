#!/usr/bin/env node
// pixelpipe CLI: each public method as a subcommand (js/cli/), through the public API.
import { parseArgs } from 'node:util';
import { ImageProcessingService, ImageProcessingError, InvalidConfigurationError } from '../js/index.node.js';
import { COMMANDS, OPTIONS } from '../js/cli/index.js';

const USAGE = `Usage:
${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n\n')}

Options for every command:
      --build <b>      engine build: auto (default), mt or st
  -h, --help           show this help
Outputs: encoded files as they are; format 'raw' as .ppraw ("PPRAW001", uint32 LE width, height, RGBA8).
`;

async function main(argv) {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [name, ...rest] = positionals;
  const command = Object.hasOwn(COMMANDS, name ?? '') ? COMMANDS[name] : undefined;
  if (!command) throw usageError(name ? `unknown command '${name}'` : 'missing command');
  const missing = [...(rest.length < command.needs.positionals ? ['<image>'] : []),
    ...command.needs.options.filter((o) => values[o] === undefined).map((o) => `--${o}`)];
  if (missing.length) throw usageError(`${name} needs ${missing.join(', ')}`);
  if (rest.length > command.needs.positionals) throw usageError(`unexpected argument '${rest[command.needs.positionals]}'`);

  const service = await ImageProcessingService.create({ build: values.build ?? 'auto' });
  try {
    const started = performance.now();
    const written = await command.run(service, rest, values);
    const ms = performance.now() - started;
    const { build, threads } = await service.capabilities();
    for (const w of written) {
      process.stdout.write(`${w.file}\t${w.size}\t${w.bytes} bytes\t${ms.toFixed(0)} ms (${build}, ${threads} thread(s))\n`);
    }
  } finally {
    await service.dispose();
  }
  return 0;
}

function parseCommandLine(argv) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw usageError(error.message);
  }
}

function usageError(message) {
  return new InvalidConfigurationError(`${message}\n\n${USAGE}`, { code: 'USAGE' });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof ImageProcessingError) {
      process.stderr.write(`pixelpipe: ${error.name} [${error.code}]: ${error.message}\n`);
    } else {
      process.stderr.write(`pixelpipe: unexpected failure: ${error?.stack ?? error}\n`);
    }
    process.exit(1);
  },
);
