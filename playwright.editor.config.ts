import base from './playwright.config';
import { defineConfig } from '@playwright/test';
const PORT = 8791;
export default defineConfig({
  ...base,
  use: { ...base.use, baseURL: `http://127.0.0.1:${PORT}/vpc-playground/` },
  webServer: { command: `python3 scripts/serve_static.py target/site ${PORT}`, url: `http://127.0.0.1:${PORT}/vpc-playground/`, reuseExistingServer: false, timeout: 20_000 },
});
