import 'node:http'; import 'node:https';
