/**
 * React and react-dom as one module of their own: scripts/build-app.js bundles it as a second entry,
 * so that the libraries land in a chunk apart from the app's code. Its name carries the hash of its
 * content, so the host lets the browser keep it (and V8 its compiled code) from one start to the
 * next (electron/renderer-files.ts); the window's code is never imported from here.
 */
import 'react';
import 'react-dom/client';
