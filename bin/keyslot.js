#!/usr/bin/env node
// The keyslot launcher's old path, for scripts and tests that name it: the launcher itself is
// bin/keyslot.cjs (package.json "bin"), CommonJS so that Node starts it without its ES module loader.
import './keyslot.cjs';
