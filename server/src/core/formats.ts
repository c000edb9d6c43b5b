import type { FormatService } from './service';
import { alloyService } from './alloy/service';
import { helmService, k8sService } from './k8s/service';

/** Every format Headroom analyses; the first whose `claims` accepts a document owns it. */
export const ALL_FORMATS: FormatService[] = [alloyService, k8sService as FormatService, helmService as FormatService];
