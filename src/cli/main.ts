import { Command, CommanderError } from 'commander'
import { COMMANDS } from './commands.js'
import { EXIT, reportFailure } from './runtime.js'

/** Builds the `hutong` program; each command lives in its own file. */
export function buildProgram(): Command {
  const program = new Command('hutong')
    .description('Hutong (互通): external-link governance for messaging platforms')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError()
  for (const register of COMMANDS) register(program)
  return program
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failure, 2 usage. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram()
  try {
    await program.parseAsync(argv, { from: 'user' })
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return EXIT.ok
      return EXIT.usage
    }
    return reportFailure(error)
  }
}
