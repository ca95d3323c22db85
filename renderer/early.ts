/**
 * The page's first script: tiny, classic and loaded before everything else, so that what is typed
 * into the search before the app's script has taken the page over is kept (renderer/type-ahead.ts).
 */
import { installTypeAhead } from './type-ahead';

installTypeAhead();
