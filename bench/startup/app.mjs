// The ES module twin of app.cjs: an ESM app needs the agent's loader hook, a thread of its own.
import 'node:http';
import 'node:https';
