import './environment.ts';
import { parseArgs } from 'node:util';
import { gemeentecodeSchema } from '#events/gemeenten.ts';
import { roleSchema } from '#events/values.ts';
import { localIssuer } from './issuer.ts';

/**
 * `npm run token -- --gemeente GM0363 --rol supervisor [--sub name] [--uren 8]`: prints a token of
 * the local issuer (keys in `.data/issuer`, shared with `npm start`).
 */
const { values } = parseArgs({
  options: {
    gemeente: { type: 'string' },
    rol: { type: 'string', default: 'supervisor' },
    sub: { type: 'string' },
    uren: { type: 'string', default: '8' },
    data: { type: 'string', default: '.data' },
  },
});
const rol = roleSchema.safeParse(values.rol);
if (!rol.success) {
  process.stderr.write('--rol is supervisor, viewer of auditor\n');
  process.exit(2);
}
if (values.gemeente !== undefined && !gemeentecodeSchema.safeParse(values.gemeente).success) {
  process.stderr.write(`--gemeente ${values.gemeente} is geen gemeentecode van 2025 (bijvoorbeeld GM0363)\n`);
  process.exit(2);
}
if (rol.data !== 'auditor' && values.gemeente === undefined) {
  process.stderr.write('--gemeente is nodig voor supervisor en viewer\n');
  process.exit(2);
}
const issuer = await localIssuer(values.data);
const token = await issuer.mint({
  rol: rol.data,
  ...(values.gemeente ? { gemeente: values.gemeente } : {}),
  ...(values.sub ? { sub: values.sub } : {}),
  expiresInSeconds: Number(values.uren) * 3600,
});
process.stdout.write(`${token}\n`);
