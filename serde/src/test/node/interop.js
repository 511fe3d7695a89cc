'use strict';
// An independent Confluent client for ferstream-serde's interop tests: Confluent's own JavaScript
// Schema Registry client and Avro serde (@confluentinc/schemaregistry), driven from JUnit.
//
//   node interop.js produce <registryUrl> <case> <topic> <schemaFile>
//       registers the case's schema under the topic's subject, serializes the case's value with
//       AvroSerializer, prints {"subject","schemaId","hex","value"}
//   node interop.js consume <registryUrl> <topic> <KEY|VALUE> <hex>
//       deserializes Confluent-framed bytes with AvroDeserializer, prints {"value"}
//   node interop.js vectors <schemaDir> <outDir>
//       writes one test vector per case, using the library's in-memory mock:// registry
//
// Values are printed as plain JSON: bytes and fixed as lower-case hex, enums as symbols, maps and
// records as objects, unions unwrapped, longs as numbers.
const fs = require('fs');
const path = require('path');
const {
  SchemaRegistryClient, SerdeType, AvroSerializer, AvroDeserializer,
} = require('@confluentinc/schemaregistry');
const { cases } = require('./cases');

const LIBRARY = '@confluentinc/schemaregistry ' + require('@confluentinc/schemaregistry/package.json').version;

function plain(value) {
  if (Buffer.isBuffer(value)) return value.toString('hex');
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value)) out[key] = plain(value[key]);
    return out;
  }
  return value;
}

function serdeType(name) {
  if (name !== 'KEY' && name !== 'VALUE') throw new Error('serde type must be KEY or VALUE, not ' + name);
  return name === 'KEY' ? SerdeType.KEY : SerdeType.VALUE;
}

function client(url) {
  // No retries: the JUnit side owns the registry's lifetime; a failure should surface at once.
  return SchemaRegistryClient.newClient({ baseURLs: [url], maxRetries: 0 });
}

async function produce(registry, c, topic, schemaText) {
  const type = serdeType(c.serdeType);
  const subject = topic + (c.serdeType === 'KEY' ? '-key' : '-value');
  await registry.register(subject, { schemaType: 'AVRO', schema: schemaText });
  // useLatestVersion: write with the registered schema rather than one inferred from the value.
  const serializer = new AvroSerializer(registry, type, { useLatestVersion: true, autoRegisterSchemas: false });
  const value = c.value();
  const bytes = await serializer.serialize(topic, value);
  return { subject, schemaId: bytes.readInt32BE(1), hex: bytes.toString('hex'), value: plain(value) };
}

async function main(argv) {
  const [command, ...args] = argv;
  if (command === 'produce') {
    const [url, caseName, topic, schemaFile] = args;
    const c = cases[caseName];
    if (!c) throw new Error('unknown case ' + caseName);
    const out = await produce(client(url), c, topic, fs.readFileSync(schemaFile, 'utf8'));
    process.stdout.write(JSON.stringify(out) + '\n');
  } else if (command === 'consume') {
    const [url, topic, type, hex] = args;
    const deserializer = new AvroDeserializer(client(url), serdeType(type), {});
    const value = await deserializer.deserialize(topic, Buffer.from(hex, 'hex'));
    process.stdout.write(JSON.stringify({ value: plain(value) }) + '\n');
  } else if (command === 'vectors') {
    const [schemaDir, outDir] = args;
    const registry = client('mock://ferstream-vectors');
    for (const [name, c] of Object.entries(cases)) {
      const schemaText = fs.readFileSync(path.join(schemaDir, c.schemaFile), 'utf8').trim();
      const out = await produce(registry, c, c.topic, schemaText);
      const vector = {
        case: name,
        description: c.description,
        writer: LIBRARY + ' AvroSerializer, mock:// registry',
        topic: c.topic,
        serdeType: c.serdeType,
        subject: out.subject,
        schemaId: out.schemaId,
        schema: schemaText,
        reader: c.reader,
        hex: out.hex,
        value: out.value,
      };
      fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(vector, null, 2) + '\n');
    }
  } else {
    throw new Error('usage: node interop.js produce|consume|vectors ...');
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write((e && e.stack) || String(e));
  process.stderr.write('\n');
  process.exit(1);
});
