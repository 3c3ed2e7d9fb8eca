/** `npm run seed:validate`: check the seed files against the metamodel without a database. */
import { KIND_IDS } from '../schema/metamodel';
import { MapValidationError } from '../schema/map';
import { readSeedDirectory } from '../store/map-files';

try {
  const map = readSeedDirectory();
  const perKind = KIND_IDS.map((k) => [k, map.elements.filter((e) => e.kind === k).length] as const).filter(([, n]) => n > 0);
  console.log(
    `seed is valid: ${map.elements.length} elements, ${map.relationships.length} relationships, ${map.gaps.length} gaps, ${map.changes.length} planned changes, ${map.events.length} events, ${map.perspectives.length} perspectives`,
  );
  for (const [k, n] of perKind) console.log(`  ${k.padEnd(34)} ${n}`);
} catch (e) {
  if (e instanceof MapValidationError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
