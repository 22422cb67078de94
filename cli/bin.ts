// Entry point of the compiled CLI (npm run build → dist/cli/bin.js, the image's entry point). In a source checkout,
// bin/lateral.mjs runs the TypeScript sources through tsx instead.
import { main } from './main.ts';

await main(process.argv);
