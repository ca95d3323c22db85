/**
 * The preload script: exposes the IPC contract as `window.keyslot` and nothing else. Runs
 * sandboxed, so it is bundled into one file (scripts/build-app.js).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './preload/create-api';

contextBridge.exposeInMainWorld('keyslot', createApi(ipcRenderer));
