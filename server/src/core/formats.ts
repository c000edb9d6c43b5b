import type { FormatService } from './service';
import { alloyService } from './alloy/service';
import { helmService, k8sService } from './k8s/service';
import { clickhouseService } from './clickhouse/service';

/** Every format Headroom analyses; the first whose `claims` accepts a document owns it. */
export const ALL_FORMATS: FormatService[] = [alloyService, k8sService as FormatService, helmService as FormatService, clickhouseService as FormatService];
