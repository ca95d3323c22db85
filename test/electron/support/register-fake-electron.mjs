// `node --import ./register-fake-electron.mjs ...`: from here on, import 'electron' loads the fake.
import { register } from 'node:module';

register('./fake-electron-hooks.mjs', import.meta.url);
