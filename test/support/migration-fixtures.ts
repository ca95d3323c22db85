/**
 * Google Authenticator export URIs built by code we did not write: Debian's protoc compiles
 * test/fixtures/migration/google_auth_migration.proto for Debian's python3-protobuf, which encodes
 * the payload; Python's base64 and urllib.parse.quote make the URI as the app does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROTO_DIR = fileURLToPath(new URL('../fixtures/migration/', import.meta.url));

/** One account as the encoder gets it; enum values by name ("ALGORITHM_SHA256"…). */
export interface MigrationSpecAccount {
  secretHex: string;
  name: string;
  issuer?: string;
  algorithm?: string;
  digits?: string;
  type?: string;
  counter?: number;
}

export interface MigrationSpec {
  accounts: MigrationSpecAccount[];
  version?: number;
  batchSize?: number;
  batchIndex?: number;
  batchId?: number;
}

let compiled: string | null = null;

function compile(): string {
  if (compiled) return compiled;
  const out = mkdtempSync(join(tmpdir(), 'keyslot-proto-'));
  execFileSync('protoc', [
    `--proto_path=${PROTO_DIR}`,
    `--python_out=${out}`,
    join(PROTO_DIR, 'google_auth_migration.proto'),
  ]);
  compiled = out;
  return out;
}

const SCRIPT = `
import base64, json, sys, urllib.parse, importlib
sys.path.insert(0, sys.argv[1])
pb = importlib.import_module('google_auth_migration_pb2')
specs = json.loads(sys.argv[2])
for spec in specs:
    p = pb.MigrationPayload()
    for a in spec['accounts']:
        o = p.otp_parameters.add()
        o.secret = bytes.fromhex(a['secretHex'])
        o.name = a['name']
        if 'issuer' in a: o.issuer = a['issuer']
        o.algorithm = pb.MigrationPayload.Algorithm.Value(a.get('algorithm', 'ALGORITHM_SHA1'))
        o.digits = pb.MigrationPayload.DigitCount.Value(a.get('digits', 'DIGIT_COUNT_SIX'))
        o.type = pb.MigrationPayload.OtpType.Value(a.get('type', 'OTP_TYPE_TOTP'))
        if 'counter' in a: o.counter = a['counter']
    p.version = spec.get('version', 1)
    p.batch_size = spec.get('batchSize', 1)
    p.batch_index = spec.get('batchIndex', 0)
    p.batch_id = spec.get('batchId', 12345)
    data = base64.b64encode(p.SerializeToString()).decode()
    print('otpauth-migration://offline?data=' + urllib.parse.quote(data, safe=''))
`;

/** The export URIs for the specs, one per spec, in order. */
export function migrationUris(specs: MigrationSpec[]): string[] {
  const dir = compile();
  const out = execFileSync('/usr/bin/python3', ['-c', SCRIPT, dir, JSON.stringify(specs)], { encoding: 'utf8' });
  return out.trim().split('\n');
}
