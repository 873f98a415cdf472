import { Hono } from 'hono';
import type { PatientDataPolicy } from '@qi/protocol';
import type { AppDeps } from '../app';

/**
 * `GET /api/patient-data`: the deployment's patient-data mode and hospital-number patterns, so
 * the web app warns about what the sync server checks (PROTOCOL.md, "Patient-data policy").
 */
export function patientDataRoutes({ patientData }: AppDeps): Hono {
  const app = new Hono();
  app.get('/api/patient-data', (c) => c.json(patientData satisfies PatientDataPolicy));
  return app;
}
