import type { K8sRule } from '../context';
import { invalidQuantity, missingRequests, requestsAboveLimits, underProvisioned } from './resources';
import { goMemLimitMissing, goMemLimitValue } from './gomemlimit';
import { missingMemoryLimit, overProvisioned } from './provisioning';
import { hpaBehavior, hpaBounds, hpaMissingRequests, hpaTier, hpaV1FieldInV2 } from './hpa';

/** Rules for Kubernetes manifests and Helm values. Adding a rule: a file here and a line below. */
export const K8S_RULES: readonly K8sRule[] = [
  invalidQuantity,
  requestsAboveLimits,
  missingRequests,
  underProvisioned,
  overProvisioned,
  missingMemoryLimit,
  goMemLimitMissing,
  goMemLimitValue,
  hpaBounds,
  hpaV1FieldInV2,
  hpaBehavior,
  hpaMissingRequests,
  hpaTier,
];
