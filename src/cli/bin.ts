import { runCli } from './main.js'

const code = await runCli(process.argv.slice(2))
// `serve` keeps the process alive on its own; every other command exits with its code.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code)
