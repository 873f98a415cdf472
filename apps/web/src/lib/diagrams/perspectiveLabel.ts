import type { Perspective } from '@qi/model';

/** A short, plain label for whose view a node comes from ("Patient", "Carer", "Staff: ward nurse"). */
export function perspectiveLabel(perspective: Perspective): string {
  if (perspective === 'patient') return 'Patient';
  if (perspective === 'carer') return 'Carer';
  const role = perspective.slice('staff:'.length).trim();
  return role ? `Staff: ${role}` : 'Staff';
}
