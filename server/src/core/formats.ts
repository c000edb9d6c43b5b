import type { FormatService } from './service';
import { alloyService } from './alloy/service';

/** Every format Headroom analyses; the first whose `claims` accepts a document owns it. */
export const ALL_FORMATS: FormatService[] = [alloyService];
