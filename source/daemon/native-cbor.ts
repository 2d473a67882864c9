// The daemon decodes far more than a CLI call does: load cbor-x's full node
// entry, which plugs the native string extractor (cbor-extract) into the
// decoder every module shares.
import {isNativeAccelerationEnabled} from 'cbor-x';

export const nativeCbor: boolean = isNativeAccelerationEnabled;
