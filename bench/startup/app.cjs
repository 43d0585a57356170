// The app of the start-up bench: loads what nearly every service loads, then exits.
require('node:http');
require('node:https');
