// The Vite app's whole code: import the package by name, as a user would.
import * as pixelpipe from 'pixelpipe';
import { runInPage } from './examples.js';

runInPage(pixelpipe);
