// `npm run schema`: writes docs/protocol.schema.json from the protocol's definitions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolJsonSchemaText } from '../src/protocol/jsonSchema';

const file = join(__dirname, '..', 'docs', 'protocol.schema.json');
writeFileSync(file, protocolJsonSchemaText());
console.log(`wrote ${file}`);
