var __defProp = Object.defineProperty;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// node_modules/multiformats/dist/src/bytes.js
function equals(aa, bb) {
  if (aa === bb) {
    return true;
  }
  if (aa.byteLength !== bb.byteLength) {
    return false;
  }
  for (let ii = 0; ii < aa.byteLength; ii++) {
    if (aa[ii] !== bb[ii]) {
      return false;
    }
  }
  return true;
}
function coerce(o) {
  if (o instanceof Uint8Array && o.constructor.name === "Uint8Array") {
    return toArrayBufferBackedArray(o);
  }
  if (o instanceof ArrayBuffer) {
    return new Uint8Array(o);
  }
  if (ArrayBuffer.isView(o)) {
    return toArrayBufferBackedArray(new Uint8Array(o.buffer, o.byteOffset, o.byteLength));
  }
  throw new Error("Unknown type, must be binary type");
}
function isByteArrayWithArrayBuffer(b) {
  return b?.buffer instanceof ArrayBuffer;
}
function toArrayBufferBackedArray(b) {
  if (isByteArrayWithArrayBuffer(b)) {
    return b;
  }
  return b.slice();
}
var empty;
var init_bytes = __esm({
  "node_modules/multiformats/dist/src/bytes.js"() {
    empty = new Uint8Array(0);
  }
});

// node_modules/multiformats/dist/src/vendor/base-x.js
function base(ALPHABET3, name, caseInsensitive) {
  if (ALPHABET3.length >= 255) {
    throw new TypeError("Alphabet too long");
  }
  var BASE_MAP = new Uint8Array(256);
  for (var j = 0; j < BASE_MAP.length; j++) {
    BASE_MAP[j] = 255;
  }
  for (var i = 0; i < ALPHABET3.length; i++) {
    var x = ALPHABET3.charAt(i);
    var xc = x.charCodeAt(0);
    if (BASE_MAP[xc] !== 255) {
      throw new TypeError(x + " is ambiguous");
    }
    BASE_MAP[xc] = i;
    if (caseInsensitive) {
      var xl = x.toLowerCase().charCodeAt(0);
      var xu = x.toUpperCase().charCodeAt(0);
      if (xl !== xc) {
        BASE_MAP[xl] = i;
      }
      if (xu !== xc) {
        BASE_MAP[xu] = i;
      }
    }
  }
  var BASE = ALPHABET3.length;
  var LEADER = ALPHABET3.charAt(0);
  var FACTOR = Math.log(BASE) / Math.log(256);
  var iFACTOR = Math.log(256) / Math.log(BASE);
  function encode3(source) {
    if (source instanceof Uint8Array)
      ;
    else if (ArrayBuffer.isView(source)) {
      source = new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    } else if (Array.isArray(source)) {
      source = Uint8Array.from(source);
    }
    if (!(source instanceof Uint8Array)) {
      throw new TypeError("Expected Uint8Array");
    }
    if (source.length === 0) {
      return "";
    }
    var zeroes = 0;
    var length2 = 0;
    var pbegin = 0;
    var pend = source.length;
    while (pbegin !== pend && source[pbegin] === 0) {
      pbegin++;
      zeroes++;
    }
    var size = (pend - pbegin) * iFACTOR + 1 >>> 0;
    var b58 = new Uint8Array(size);
    while (pbegin !== pend) {
      var carry = source[pbegin];
      var i2 = 0;
      for (var it1 = size - 1; (carry !== 0 || i2 < length2) && it1 !== -1; it1--, i2++) {
        carry += 256 * b58[it1] >>> 0;
        b58[it1] = carry % BASE >>> 0;
        carry = carry / BASE >>> 0;
      }
      if (carry !== 0) {
        throw new Error("Non-zero carry");
      }
      length2 = i2;
      pbegin++;
    }
    var it2 = size - length2;
    while (it2 !== size && b58[it2] === 0) {
      it2++;
    }
    var str = LEADER.repeat(zeroes);
    for (; it2 < size; ++it2) {
      str += ALPHABET3.charAt(b58[it2]);
    }
    return str;
  }
  function decodeUnsafe(source) {
    if (typeof source !== "string") {
      throw new TypeError("Expected String");
    }
    if (source.length === 0) {
      return new Uint8Array();
    }
    var psz = 0;
    if (source[psz] === " ") {
      return;
    }
    var zeroes = 0;
    var length2 = 0;
    while (source[psz] === LEADER) {
      zeroes++;
      psz++;
    }
    var size = (source.length - psz) * FACTOR + 1 >>> 0;
    var b256 = new Uint8Array(size);
    while (source[psz]) {
      var carry = BASE_MAP[source.charCodeAt(psz)];
      if (carry === 255) {
        return;
      }
      var i2 = 0;
      for (var it3 = size - 1; (carry !== 0 || i2 < length2) && it3 !== -1; it3--, i2++) {
        carry += BASE * b256[it3] >>> 0;
        b256[it3] = carry % 256 >>> 0;
        carry = carry / 256 >>> 0;
      }
      if (carry !== 0) {
        throw new Error("Non-zero carry");
      }
      length2 = i2;
      psz++;
    }
    if (source[psz] === " ") {
      return;
    }
    var it4 = size - length2;
    while (it4 !== size && b256[it4] === 0) {
      it4++;
    }
    var vch = new Uint8Array(zeroes + (size - it4));
    var j2 = zeroes;
    while (it4 !== size) {
      vch[j2++] = b256[it4++];
    }
    return vch;
  }
  function decode5(string) {
    var buffer = decodeUnsafe(string);
    if (buffer) {
      return buffer;
    }
    throw new Error(`Non-${name} character`);
  }
  return {
    encode: encode3,
    decodeUnsafe,
    decode: decode5
  };
}
var src, _brrp__multiformats_scope_baseX, base_x_default;
var init_base_x = __esm({
  "node_modules/multiformats/dist/src/vendor/base-x.js"() {
    src = base;
    _brrp__multiformats_scope_baseX = src;
    base_x_default = _brrp__multiformats_scope_baseX;
  }
});

// node_modules/multiformats/dist/src/bases/base.js
function or(left, right) {
  return new ComposedDecoder({
    ...left.decoders ?? { [left.prefix]: left },
    ...right.decoders ?? { [right.prefix]: right }
  });
}
function from({ name, prefix, encode: encode3, decode: decode5 }) {
  return new Codec(name, prefix, encode3, decode5);
}
function baseX({ name, prefix, alphabet, caseInsensitive = false }) {
  const { encode: encode3, decode: decode5 } = base_x_default(alphabet, name, caseInsensitive);
  return from({
    prefix,
    name,
    encode: encode3,
    decode: (text2) => coerce(decode5(text2))
  });
}
function decode(string, alphabetIdx, bitsPerChar, name) {
  let end = string.length;
  while (string[end - 1] === "=") {
    --end;
  }
  const out = new Uint8Array(end * bitsPerChar / 8 | 0);
  let bits = 0;
  let buffer = 0;
  let written = 0;
  for (let i = 0; i < end; ++i) {
    const value = alphabetIdx[string[i]];
    if (value === void 0) {
      throw new SyntaxError(`Non-${name} character`);
    }
    buffer = buffer << bitsPerChar | value;
    bits += bitsPerChar;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = 255 & buffer >> bits;
    }
  }
  if (bits >= bitsPerChar || (255 & buffer << 8 - bits) !== 0) {
    throw new SyntaxError("Unexpected end of data");
  }
  return out;
}
function encode(data, alphabet, bitsPerChar) {
  const pad = alphabet[alphabet.length - 1] === "=";
  const mask = (1 << bitsPerChar) - 1;
  let out = "";
  let bits = 0;
  let buffer = 0;
  for (let i = 0; i < data.length; ++i) {
    buffer = buffer << 8 | data[i];
    bits += 8;
    while (bits > bitsPerChar) {
      bits -= bitsPerChar;
      out += alphabet[mask & buffer >> bits];
    }
  }
  if (bits !== 0) {
    out += alphabet[mask & buffer << bitsPerChar - bits];
  }
  if (pad) {
    while ((out.length * bitsPerChar & 7) !== 0) {
      out += "=";
    }
  }
  return out;
}
function createAlphabetIdx(alphabet, caseInsensitive) {
  const alphabetIdx = {};
  for (let i = 0; i < alphabet.length; ++i) {
    alphabetIdx[alphabet[i]] = i;
    if (caseInsensitive) {
      const lower = alphabet[i].toLowerCase();
      const upper = alphabet[i].toUpperCase();
      if (lower !== alphabet[i]) {
        alphabetIdx[lower] = i;
      }
      if (upper !== alphabet[i]) {
        alphabetIdx[upper] = i;
      }
    }
  }
  return alphabetIdx;
}
function rfc4648({ name, prefix, bitsPerChar, alphabet, caseInsensitive = false }) {
  const alphabetIdx = createAlphabetIdx(alphabet, caseInsensitive);
  return from({
    prefix,
    name,
    encode(input) {
      return encode(input, alphabet, bitsPerChar);
    },
    decode(input) {
      return decode(input, alphabetIdx, bitsPerChar, name);
    }
  });
}
var Encoder, Decoder, ComposedDecoder, Codec;
var init_base = __esm({
  "node_modules/multiformats/dist/src/bases/base.js"() {
    init_bytes();
    init_base_x();
    Encoder = class {
      name;
      prefix;
      baseEncode;
      constructor(name, prefix, baseEncode) {
        this.name = name;
        this.prefix = prefix;
        this.baseEncode = baseEncode;
      }
      encode(bytes2) {
        if (bytes2 instanceof Uint8Array) {
          return `${this.prefix}${this.baseEncode(bytes2)}`;
        } else {
          throw Error("Unknown type, must be binary type");
        }
      }
    };
    Decoder = class {
      name;
      prefix;
      baseDecode;
      prefixCodePoint;
      constructor(name, prefix, baseDecode) {
        this.name = name;
        this.prefix = prefix;
        const prefixCodePoint = prefix.codePointAt(0);
        if (prefixCodePoint === void 0) {
          throw new Error("Invalid prefix character");
        }
        this.prefixCodePoint = prefixCodePoint;
        this.baseDecode = baseDecode;
      }
      decode(text2) {
        if (typeof text2 === "string") {
          if (text2.codePointAt(0) !== this.prefixCodePoint) {
            throw Error(`Unable to decode multibase string ${JSON.stringify(text2)}, ${this.name} decoder only supports inputs prefixed with ${this.prefix}`);
          }
          return this.baseDecode(text2.slice(this.prefix.length));
        } else {
          throw Error("Can only multibase decode strings");
        }
      }
      or(decoder) {
        return or(this, decoder);
      }
    };
    ComposedDecoder = class {
      decoders;
      constructor(decoders) {
        this.decoders = decoders;
      }
      or(decoder) {
        return or(this, decoder);
      }
      decode(input) {
        const prefix = input[0];
        const decoder = this.decoders[prefix];
        if (decoder != null) {
          return decoder.decode(input);
        } else {
          throw RangeError(`Unable to decode multibase string ${JSON.stringify(input)}, only inputs prefixed with ${Object.keys(this.decoders)} are supported`);
        }
      }
    };
    Codec = class {
      name;
      prefix;
      baseEncode;
      baseDecode;
      encoder;
      decoder;
      constructor(name, prefix, baseEncode, baseDecode) {
        this.name = name;
        this.prefix = prefix;
        this.baseEncode = baseEncode;
        this.baseDecode = baseDecode;
        this.encoder = new Encoder(name, prefix, baseEncode);
        this.decoder = new Decoder(name, prefix, baseDecode);
      }
      encode(input) {
        return this.encoder.encode(input);
      }
      decode(input) {
        return this.decoder.decode(input);
      }
    };
  }
});

// node_modules/multiformats/dist/src/bases/base32.js
var base32, base32upper, base32pad, base32padupper, base32hex, base32hexupper, base32hexpad, base32hexpadupper, base32z;
var init_base32 = __esm({
  "node_modules/multiformats/dist/src/bases/base32.js"() {
    init_base();
    base32 = rfc4648({
      prefix: "b",
      name: "base32",
      alphabet: "abcdefghijklmnopqrstuvwxyz234567",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32upper = rfc4648({
      prefix: "B",
      name: "base32upper",
      alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32pad = rfc4648({
      prefix: "c",
      name: "base32pad",
      alphabet: "abcdefghijklmnopqrstuvwxyz234567=",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32padupper = rfc4648({
      prefix: "C",
      name: "base32padupper",
      alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32hex = rfc4648({
      prefix: "v",
      name: "base32hex",
      alphabet: "0123456789abcdefghijklmnopqrstuv",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32hexupper = rfc4648({
      prefix: "V",
      name: "base32hexupper",
      alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUV",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32hexpad = rfc4648({
      prefix: "t",
      name: "base32hexpad",
      alphabet: "0123456789abcdefghijklmnopqrstuv=",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32hexpadupper = rfc4648({
      prefix: "T",
      name: "base32hexpadupper",
      alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUV=",
      bitsPerChar: 5,
      caseInsensitive: true
    });
    base32z = rfc4648({
      prefix: "h",
      name: "base32z",
      alphabet: "ybndrfg8ejkmcpqxot1uwisza345h769",
      bitsPerChar: 5
    });
  }
});

// node_modules/multiformats/dist/src/bases/base36.js
var base36, base36upper;
var init_base36 = __esm({
  "node_modules/multiformats/dist/src/bases/base36.js"() {
    init_base();
    base36 = baseX({
      prefix: "k",
      name: "base36",
      alphabet: "0123456789abcdefghijklmnopqrstuvwxyz",
      caseInsensitive: true
    });
    base36upper = baseX({
      prefix: "K",
      name: "base36upper",
      alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      caseInsensitive: true
    });
  }
});

// node_modules/multiformats/dist/src/bases/base58.js
var base58btc, base58flickr;
var init_base58 = __esm({
  "node_modules/multiformats/dist/src/bases/base58.js"() {
    init_base();
    base58btc = baseX({
      name: "base58btc",
      prefix: "z",
      alphabet: "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    });
    base58flickr = baseX({
      name: "base58flickr",
      prefix: "Z",
      alphabet: "123456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
    });
  }
});

// node_modules/multiformats/dist/src/vendor/varint.js
function encode2(num, out, offset) {
  out = out || [];
  offset = offset || 0;
  var oldOffset = offset;
  while (num >= INT) {
    out[offset++] = num & 255 | MSB;
    num /= 128;
  }
  while (num & MSBALL) {
    out[offset++] = num & 255 | MSB;
    num >>>= 7;
  }
  out[offset] = num | 0;
  encode2.bytes = offset - oldOffset + 1;
  return out;
}
function read(buf2, offset) {
  var res = 0, offset = offset || 0, shift = 0, counter = offset, b, l = buf2.length;
  do {
    if (counter >= l) {
      read.bytes = 0;
      throw new RangeError("Could not decode varint");
    }
    b = buf2[counter++];
    res += shift < 28 ? (b & REST$1) << shift : (b & REST$1) * Math.pow(2, shift);
    shift += 7;
  } while (b >= MSB$1);
  read.bytes = counter - offset;
  return res;
}
var encode_1, MSB, REST, MSBALL, INT, decode2, MSB$1, REST$1, N1, N2, N3, N4, N5, N6, N7, N8, N9, length, varint, _brrp_varint, varint_default;
var init_varint = __esm({
  "node_modules/multiformats/dist/src/vendor/varint.js"() {
    encode_1 = encode2;
    MSB = 128;
    REST = 127;
    MSBALL = ~REST;
    INT = Math.pow(2, 31);
    decode2 = read;
    MSB$1 = 128;
    REST$1 = 127;
    N1 = Math.pow(2, 7);
    N2 = Math.pow(2, 14);
    N3 = Math.pow(2, 21);
    N4 = Math.pow(2, 28);
    N5 = Math.pow(2, 35);
    N6 = Math.pow(2, 42);
    N7 = Math.pow(2, 49);
    N8 = Math.pow(2, 56);
    N9 = Math.pow(2, 63);
    length = function(value) {
      return value < N1 ? 1 : value < N2 ? 2 : value < N3 ? 3 : value < N4 ? 4 : value < N5 ? 5 : value < N6 ? 6 : value < N7 ? 7 : value < N8 ? 8 : value < N9 ? 9 : 10;
    };
    varint = {
      encode: encode_1,
      decode: decode2,
      encodingLength: length
    };
    _brrp_varint = varint;
    varint_default = _brrp_varint;
  }
});

// node_modules/multiformats/dist/src/varint.js
function decode3(data, offset = 0) {
  const code = varint_default.decode(data, offset);
  const length2 = varint_default.decode.bytes;
  if (length2 > 9) {
    throw new RangeError("Invalid varint: too long");
  }
  if (length2 > 1 && data[offset + length2 - 1] === 0) {
    throw new RangeError("Invalid varint: not minimally encoded");
  }
  return [code, length2];
}
function encodeTo(int, target, offset = 0) {
  varint_default.encode(int, target, offset);
  return target;
}
function encodingLength(int) {
  return varint_default.encodingLength(int);
}
var init_varint2 = __esm({
  "node_modules/multiformats/dist/src/varint.js"() {
    init_varint();
  }
});

// node_modules/multiformats/dist/src/hashes/digest.js
function create(code, digest) {
  const size = digest.byteLength;
  const sizeOffset = encodingLength(code);
  const digestOffset = sizeOffset + encodingLength(size);
  const bytes2 = new Uint8Array(digestOffset + size);
  encodeTo(code, bytes2, 0);
  encodeTo(size, bytes2, sizeOffset);
  bytes2.set(digest, digestOffset);
  return new Digest(code, size, digest, bytes2);
}
function decode4(multihash) {
  const bytes2 = coerce(multihash);
  const [code, sizeOffset] = decode3(bytes2);
  const [size, digestOffset] = decode3(bytes2.subarray(sizeOffset));
  const digest = bytes2.subarray(sizeOffset + digestOffset);
  if (digest.byteLength !== size) {
    throw new Error("Incorrect length");
  }
  return new Digest(code, size, digest, bytes2);
}
function equals2(a, b) {
  if (a === b) {
    return true;
  } else {
    const data = b;
    return a.code === data.code && a.size === data.size && data.bytes instanceof Uint8Array && equals(a.bytes, data.bytes);
  }
}
var Digest;
var init_digest = __esm({
  "node_modules/multiformats/dist/src/hashes/digest.js"() {
    init_bytes();
    init_varint2();
    Digest = class {
      code;
      size;
      digest;
      bytes;
      /**
       * Creates a multihash digest.
       */
      constructor(code, size, digest, bytes2) {
        this.code = code;
        this.size = size;
        this.digest = toArrayBufferBackedArray(digest);
        this.bytes = toArrayBufferBackedArray(bytes2);
      }
    };
  }
});

// node_modules/multiformats/dist/src/link/interface.js
var init_interface = __esm({
  "node_modules/multiformats/dist/src/link/interface.js"() {
  }
});

// node_modules/multiformats/dist/src/cid.js
function format(link, base2) {
  const { bytes: bytes2, version } = link;
  switch (version) {
    case 0:
      return toStringV0(bytes2, baseCache(link), base2 ?? base58btc.encoder);
    default:
      return toStringV1(bytes2, baseCache(link), base2 ?? base32.encoder);
  }
}
function baseCache(cid) {
  const baseCache2 = cache.get(cid);
  if (baseCache2 == null) {
    const baseCache3 = /* @__PURE__ */ new Map();
    cache.set(cid, baseCache3);
    return baseCache3;
  }
  return baseCache2;
}
function parseCIDtoBytes(source, base2) {
  switch (source[0]) {
    // CIDv0 is parsed differently
    case "Q": {
      const decoder = base2 ?? base58btc;
      return [
        base58btc.prefix,
        decoder.decode(`${base58btc.prefix}${source}`)
      ];
    }
    case base58btc.prefix: {
      const decoder = base2 ?? base58btc;
      return [base58btc.prefix, decoder.decode(source)];
    }
    case base32.prefix: {
      const decoder = base2 ?? base32;
      return [base32.prefix, decoder.decode(source)];
    }
    case base36.prefix: {
      const decoder = base2 ?? base36;
      return [base36.prefix, decoder.decode(source)];
    }
    default: {
      if (base2 == null) {
        throw Error("To parse non base32, base36 or base58btc encoded CID multibase decoder must be provided");
      }
      return [source[0], base2.decode(source)];
    }
  }
}
function toStringV0(bytes2, cache3, base2) {
  const { prefix } = base2;
  if (prefix !== base58btc.prefix) {
    throw Error(`Cannot string encode V0 in ${base2.name} encoding`);
  }
  const cid = cache3.get(prefix);
  if (cid == null) {
    const cid2 = base2.encode(bytes2).slice(1);
    cache3.set(prefix, cid2);
    return cid2;
  } else {
    return cid;
  }
}
function toStringV1(bytes2, cache3, base2) {
  const { prefix } = base2;
  const cid = cache3.get(prefix);
  if (cid == null) {
    const cid2 = base2.encode(bytes2);
    cache3.set(prefix, cid2);
    return cid2;
  } else {
    return cid;
  }
}
function encodeCID(version, code, multihash) {
  const codeOffset = encodingLength(version);
  const hashOffset = codeOffset + encodingLength(code);
  const bytes2 = new Uint8Array(hashOffset + multihash.byteLength);
  encodeTo(version, bytes2, 0);
  encodeTo(code, bytes2, codeOffset);
  bytes2.set(multihash, hashOffset);
  return bytes2;
}
var cache, CID, DAG_PB_CODE, SHA_256_CODE, cidSymbol;
var init_cid = __esm({
  "node_modules/multiformats/dist/src/cid.js"() {
    init_base32();
    init_base36();
    init_base58();
    init_bytes();
    init_digest();
    init_varint2();
    init_interface();
    cache = /* @__PURE__ */ new WeakMap();
    CID = class _CID {
      code;
      version;
      multihash;
      bytes;
      "/";
      /**
       * @param version - Version of the CID
       * @param code - Code of the codec content is encoded in, see https://github.com/multiformats/multicodec/blob/master/table.csv
       * @param multihash - (Multi)hash of the of the content.
       */
      constructor(version, code, multihash, bytes2) {
        this.code = code;
        this.version = version;
        this.multihash = multihash;
        this.bytes = toArrayBufferBackedArray(bytes2);
        this["/"] = this.bytes;
      }
      /**
       * Signalling `cid.asCID === cid` has been replaced with `cid['/'] === cid.bytes`
       * please either use `CID.asCID(cid)` or switch to new signalling mechanism
       *
       * @deprecated
       */
      get asCID() {
        return this;
      }
      // ArrayBufferView
      get byteOffset() {
        return this.bytes.byteOffset;
      }
      // ArrayBufferView
      get byteLength() {
        return this.bytes.byteLength;
      }
      toV0() {
        switch (this.version) {
          case 0: {
            return this;
          }
          case 1: {
            const { code, multihash } = this;
            if (code !== DAG_PB_CODE) {
              throw new Error("Cannot convert a non dag-pb CID to CIDv0");
            }
            if (multihash.code !== SHA_256_CODE) {
              throw new Error("Cannot convert non sha2-256 multihash CID to CIDv0");
            }
            return _CID.createV0(multihash);
          }
          default: {
            throw Error(`Can not convert CID version ${this.version} to version 0. This is a bug please report`);
          }
        }
      }
      toV1() {
        switch (this.version) {
          case 0: {
            const { code, digest } = this.multihash;
            const multihash = create(code, digest);
            return _CID.createV1(this.code, multihash);
          }
          case 1: {
            return this;
          }
          default: {
            throw Error(`Can not convert CID version ${this.version} to version 1. This is a bug please report`);
          }
        }
      }
      equals(other) {
        return _CID.equals(this, other);
      }
      static equals(self, other) {
        const unknown = other;
        return unknown != null && self.code === unknown.code && self.version === unknown.version && equals2(self.multihash, unknown.multihash);
      }
      toString(base2) {
        return format(this, base2);
      }
      toJSON() {
        return { "/": format(this) };
      }
      link() {
        return this;
      }
      [Symbol.toStringTag] = "CID";
      // Legacy
      [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
        return `CID(${this.toString()})`;
      }
      /**
       * Takes any input `value` and returns a `CID` instance if it was
       * a `CID` otherwise returns `null`. If `value` is instanceof `CID`
       * it will return value back. If `value` is not instance of this CID
       * class, but is compatible CID it will return new instance of this
       * `CID` class. Otherwise returns null.
       *
       * This allows two different incompatible versions of CID library to
       * co-exist and interop as long as binary interface is compatible.
       */
      static asCID(input) {
        if (input == null) {
          return null;
        }
        const value = input;
        if (value instanceof _CID) {
          return value;
        } else if (value["/"] != null && value["/"] === value.bytes || value.asCID === value) {
          const { version, code, multihash, bytes: bytes2 } = value;
          return new _CID(version, code, multihash, bytes2 ?? encodeCID(version, code, multihash.bytes));
        } else if (value[cidSymbol] === true) {
          const { version, multihash, code } = value;
          const digest = decode4(multihash);
          return _CID.create(version, code, digest);
        } else {
          return null;
        }
      }
      /**
       * @param version - Version of the CID
       * @param code - Code of the codec content is encoded in, see https://github.com/multiformats/multicodec/blob/master/table.csv
       * @param digest - (Multi)hash of the of the content.
       */
      static create(version, code, digest) {
        if (typeof code !== "number") {
          throw new Error("String codecs are no longer supported");
        }
        if (!(digest.bytes instanceof Uint8Array)) {
          throw new Error("Invalid digest");
        }
        switch (version) {
          case 0: {
            if (code !== DAG_PB_CODE) {
              throw new Error(`Version 0 CID must use dag-pb (code: ${DAG_PB_CODE}) block encoding`);
            } else {
              return new _CID(version, code, digest, digest.bytes);
            }
          }
          case 1: {
            const bytes2 = encodeCID(version, code, digest.bytes);
            return new _CID(version, code, digest, bytes2);
          }
          default: {
            throw new Error("Invalid version");
          }
        }
      }
      /**
       * Simplified version of `create` for CIDv0.
       */
      static createV0(digest) {
        return _CID.create(0, DAG_PB_CODE, digest);
      }
      /**
       * Simplified version of `create` for CIDv1.
       *
       * @param code - Content encoding format code.
       * @param digest - Multihash of the content.
       */
      static createV1(code, digest) {
        return _CID.create(1, code, digest);
      }
      /**
       * Decoded a CID from its binary representation. The byte array must contain
       * only the CID with no additional bytes.
       *
       * An error will be thrown if the bytes provided do not contain a valid
       * binary representation of a CID.
       */
      static decode(bytes2) {
        const [cid, remainder] = _CID.decodeFirst(bytes2);
        if (remainder.length !== 0) {
          throw new Error("Incorrect length");
        }
        return cid;
      }
      /**
       * Decoded a CID from its binary representation at the beginning of a byte
       * array.
       *
       * Returns an array with the first element containing the CID and the second
       * element containing the remainder of the original byte array. The remainder
       * will be a zero-length byte array if the provided bytes only contained a
       * binary CID representation.
       */
      static decodeFirst(bytes2) {
        const specs = _CID.inspectBytes(bytes2);
        const prefixSize = specs.size - specs.multihashSize;
        const multihashBytes = coerce(bytes2.subarray(prefixSize, prefixSize + specs.multihashSize));
        if (multihashBytes.byteLength !== specs.multihashSize) {
          throw new Error("Incorrect length");
        }
        const digestBytes = multihashBytes.subarray(specs.multihashSize - specs.digestSize);
        const digest = new Digest(specs.multihashCode, specs.digestSize, digestBytes, multihashBytes);
        const cid = specs.version === 0 ? _CID.createV0(digest) : _CID.createV1(specs.codec, digest);
        return [cid, bytes2.subarray(specs.size)];
      }
      /**
       * Inspect the initial bytes of a CID to determine its properties.
       *
       * Involves decoding up to 4 varints. Typically this will require only 4 to 6
       * bytes but for larger multicodec code values and larger multihash digest
       * lengths these varints can be quite large. It is recommended that at least
       * 10 bytes be made available in the `initialBytes` argument for a complete
       * inspection.
       */
      static inspectBytes(initialBytes) {
        let offset = 0;
        const next = () => {
          const [i, length2] = decode3(initialBytes.subarray(offset));
          offset += length2;
          return i;
        };
        let version = next();
        let codec = DAG_PB_CODE;
        if (version === 18) {
          version = 0;
          offset = 0;
        } else {
          codec = next();
        }
        if (version !== 0 && version !== 1) {
          throw new RangeError(`Invalid CID version ${version}`);
        }
        const prefixSize = offset;
        const multihashCode = next();
        const digestSize = next();
        const size = offset + digestSize;
        const multihashSize = size - prefixSize;
        return { version, codec, multihashCode, digestSize, multihashSize, size };
      }
      /**
       * Takes cid in a string representation and creates an instance. If `base`
       * decoder is not provided will use a default from the configuration. It will
       * throw an error if encoding of the CID is not compatible with supplied (or
       * a default decoder).
       */
      static parse(source, base2) {
        const [prefix, bytes2] = parseCIDtoBytes(source, base2);
        const cid = _CID.decode(bytes2);
        if (cid.version === 0 && source[0] !== "Q") {
          throw Error("Version 0 CID string must not include multibase prefix");
        }
        baseCache(cid).set(prefix, source);
        return cid;
      }
    };
    DAG_PB_CODE = 112;
    SHA_256_CODE = 18;
    cidSymbol = /* @__PURE__ */ Symbol.for("@ipld/js-cid/CID");
  }
});

// src/errors.ts
var CounterfoilError;
var init_errors = __esm({
  "src/errors.ts"() {
    "use strict";
    CounterfoilError = class extends Error {
      /** Machine-readable reason; see {@link ErrorCode}. */
      code;
      /**
       * @param code - the reason, from {@link ErrorCode}
       * @param message - a human sentence; starts with `counterfoil:` so callers can grep logs
       * @param options - `cause`, the underlying error if any
       */
      constructor(code, message, options) {
        super(message.startsWith("counterfoil:") ? message : `counterfoil: ${message}`, options);
        this.name = "CounterfoilError";
        this.code = code;
      }
    };
  }
});

// src/codec/bytes.ts
function concat(parts) {
  let length2 = 0;
  for (const part of parts) length2 += part.length;
  const out = new Uint8Array(length2);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
function bytesEqual(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function utf8(text2) {
  return utf8Encoder.encode(text2);
}
function toHex(bytes2) {
  let out = "";
  for (const b of bytes2) out += b.toString(16).padStart(2, "0");
  return out;
}
function assertBytes(value, name, length2) {
  if (!(value instanceof Uint8Array)) {
    throw new TypeError(`"${name}" expected Uint8Array, got ${value === null ? "null" : typeof value}`);
  }
  if (length2 !== void 0 && value.length !== length2) {
    throw new RangeError(`"${name}" expected Uint8Array of length ${length2}, got length=${value.length}`);
  }
}
var utf8Encoder, utf8Decoder;
var init_bytes2 = __esm({
  "src/codec/bytes.ts"() {
    "use strict";
    utf8Encoder = new TextEncoder();
    utf8Decoder = new TextDecoder("utf-8", { fatal: true });
  }
});

// src/codec/dag-cbor-decode.ts
function asciiText(bytes2, start, n) {
  for (let i = start; i < start + n; i++) if (bytes2[i] >= 128) return void 0;
  const reader = new Reader(bytes2, 0, false);
  reader.pos = start;
  return reader.interned(n, TEXTS);
}
function sameAscii(known, b, start, n) {
  if (known.length !== n) return false;
  for (let i = 0; i < n; i++) if (known.charCodeAt(i) !== b[start + i]) return false;
  return true;
}
function nonMinimal() {
  throw new CounterfoilError("ERR_NON_CANONICAL", "invalid DAG-CBOR: integer or length encoded with more bytes than necessary");
}
function decodeUtf8(bytes2) {
  try {
    return utf82.decode(bytes2);
  } catch {
    throw new Malformed("text string is not valid UTF-8");
  }
}
function decodeDagCbor(bytes2, maxDepth = DEFAULT_MAX_DEPTH, copyBytes = true) {
  const reader = new Reader(bytes2, maxDepth, copyBytes);
  let value;
  try {
    value = reader.item(0);
    if (reader.pos !== bytes2.length) throw new Malformed(`${bytes2.length - reader.pos} trailing bytes after the item`);
  } catch (e) {
    if (e instanceof Malformed) throw new CounterfoilError("ERR_MALFORMED", `invalid DAG-CBOR: ${e.message}`);
    if (e instanceof RangeError) throw new CounterfoilError("ERR_MALFORMED", `invalid DAG-CBOR: nested too deeply`, { cause: e });
    throw e;
  }
  if (reader.late !== void 0) throw new CounterfoilError("ERR_NON_CANONICAL", `invalid DAG-CBOR: ${reader.late}`);
  return value;
}
var DEFAULT_MAX_DEPTH, CID_TAG, TWO_32, utf82, Malformed, MAX_INTERNED, KEYS, TEXTS, Reader;
var init_dag_cbor_decode = __esm({
  "src/codec/dag-cbor-decode.ts"() {
    "use strict";
    init_cid();
    init_errors();
    init_bytes2();
    DEFAULT_MAX_DEPTH = 64;
    CID_TAG = 42;
    TWO_32 = 4294967296;
    utf82 = /* @__PURE__ */ new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    Malformed = class extends Error {
    };
    MAX_INTERNED = 64;
    KEYS = /* @__PURE__ */ new Array(256).fill(void 0);
    TEXTS = /* @__PURE__ */ new Array(1024).fill(void 0);
    Reader = class {
      constructor(bytes2, maxDepth, copyBytes) {
        this.bytes = bytes2;
        this.maxDepth = maxDepth;
        this.copyBytes = copyBytes;
      }
      bytes;
      maxDepth;
      copyBytes;
      pos = 0;
      /** First canonical-form violation that does not stop parsing (see module comment). */
      late = void 0;
      byte() {
        if (this.pos >= this.bytes.length) throw new Malformed("unexpected end of data");
        return this.bytes[this.pos++];
      }
      need(n) {
        if (n > this.bytes.length - this.pos) throw new Malformed("unexpected end of data");
      }
      /**
       * The argument of a head with additional information `ai` (RFC 8949 §3), shortest form enforced
       * (§4.2.1). 64-bit arguments above 2^53 − 1 come back as bigint.
       */
      argument(ai) {
        if (ai < 24) return ai;
        const b = this.bytes;
        let p = this.pos;
        switch (ai) {
          case 24: {
            this.need(1);
            const v = b[p];
            this.pos = p + 1;
            if (v < 24) nonMinimal();
            return v;
          }
          case 25: {
            this.need(2);
            const v = b[p] << 8 | b[p + 1];
            this.pos = p + 2;
            if (v < 256) nonMinimal();
            return v;
          }
          case 26: {
            this.need(4);
            const v = b[p] * 16777216 + (b[p + 1] << 16 | b[p + 2] << 8 | b[p + 3]);
            this.pos = p + 4;
            if (v < 65536) nonMinimal();
            return v;
          }
          case 27: {
            this.need(8);
            const hi = b[p] * 16777216 + (b[p + 1] << 16 | b[p + 2] << 8 | b[p + 3]);
            p += 4;
            const lo = b[p] * 16777216 + (b[p + 1] << 16 | b[p + 2] << 8 | b[p + 3]);
            this.pos = p + 4;
            if (hi === 0) nonMinimal();
            if (hi < 2097152) return hi * TWO_32 + lo;
            return BigInt(hi) << 32n | BigInt(lo);
          }
          default:
            throw new Malformed(`additional information ${ai} is not allowed here`);
        }
      }
      /** A length or count: must fit in the remaining input, at `unit` bytes per element at least. */
      length(ai, unit) {
        if (ai === 31) {
          throw new CounterfoilError("ERR_NON_CANONICAL", "invalid DAG-CBOR: indefinite-length item");
        }
        const n = this.argument(ai);
        if (typeof n === "bigint" || n * unit > this.bytes.length - this.pos) throw new Malformed("unexpected end of data");
        return n;
      }
      text(n) {
        const b = this.bytes;
        const start = this.pos;
        const end = start + n;
        this.pos = end;
        if (n < 16) {
          let s = "";
          for (let i = start; i < end; i++) {
            const c = b[i];
            if (c >= 128) return decodeUtf8(b.subarray(start, end));
            s += String.fromCharCode(c);
          }
          return s;
        }
        return decodeUtf8(b.subarray(start, end));
      }
      /**
       * A text string of `n` bytes, interned when short: records repeat the same map keys, and many of
       * the same values (issuer DIDs, record types, currencies). An interned string whose bytes match
       * comes back with no allocation, decoded records share it, and V8 stores a property under an
       * already-internalised key without a string-table lookup. Only ASCII is interned, where string
       * length and byte length agree; a colliding string replaces the older one in its slot.
       */
      interned(n, table) {
        const b = this.bytes;
        const start = this.pos;
        let h = n;
        for (let i = start; i < start + n; i++) h = Math.imul(h, 31) + b[i] | 0;
        h = Math.imul(h ^ h >>> 15, 739982445);
        const slot = (h ^ h >>> 13) & table.length - 2;
        const first = table[slot];
        if (first !== void 0 && sameAscii(first, b, start, n)) {
          this.pos = start + n;
          return first;
        }
        const second = table[slot + 1];
        if (second !== void 0 && sameAscii(second, b, start, n)) {
          this.pos = start + n;
          return second;
        }
        const text2 = this.text(n);
        if (text2.length === n) {
          table[slot + 1] = first;
          table[slot] = text2;
        }
        return text2;
      }
      /** One data item at nesting `depth` (the number of non-empty containers around it). */
      item(depth) {
        const initial = this.byte();
        const major = initial >> 5;
        const ai = initial & 31;
        switch (major) {
          case 0:
            return this.argument(ai);
          case 1: {
            const n = this.argument(ai);
            if (typeof n === "number") return n < Number.MAX_SAFE_INTEGER ? -1 - n : -1n - BigInt(n);
            return -1n - n;
          }
          case 2: {
            const n = this.length(ai, 1);
            const start = this.pos;
            this.pos = start + n;
            return this.copyBytes ? this.bytes.slice(start, start + n) : this.bytes.subarray(start, start + n);
          }
          case 3: {
            const n = this.length(ai, 1);
            return n <= MAX_INTERNED ? this.interned(n, TEXTS) : this.text(n);
          }
          case 4: {
            const n = this.length(ai, 1);
            if (n > 0 && depth >= this.maxDepth) throw new Malformed(`nested deeper than ${this.maxDepth}`);
            const out = new Array(n);
            for (let i = 0; i < n; i++) out[i] = this.item(depth + 1);
            return out;
          }
          case 5:
            return this.map(this.length(ai, 2), depth);
          case 6:
            return this.tag(ai, depth);
          default:
            return this.simple(ai);
        }
      }
      map(n, depth) {
        if (n > 0 && depth >= this.maxDepth) throw new Malformed(`nested deeper than ${this.maxDepth}`);
        const b = this.bytes;
        const out = {};
        let prevStart = 0;
        let prevLength = -1;
        let unsorted = false;
        for (let i = 0; i < n; i++) {
          const initial = this.byte();
          if (initial >> 5 !== 3) {
            this.pos--;
            this.item(depth + 1);
            throw new Malformed("map keys must be text strings");
          }
          const length2 = this.length(initial & 31, 1);
          const start = this.pos;
          let order = length2 - prevLength;
          for (let j = 0; order === 0 && j < length2; j++) order = b[start + j] - b[prevStart + j];
          const key = length2 <= MAX_INTERNED ? this.interned(length2, KEYS) : this.text(length2);
          if (order < 0) unsorted = true;
          if (order === 0 || unsorted && Object.hasOwn(out, key)) throw new Malformed(`duplicate map key ${JSON.stringify(key)}`);
          if (order < 0) this.late ??= "map keys are not in canonical order (length first, then bytewise)";
          prevStart = start;
          prevLength = length2;
          const value = this.item(depth + 1);
          if (key === "__proto__") Object.defineProperty(out, key, { value, configurable: true, enumerable: true, writable: true });
          else out[key] = value;
        }
        return out;
      }
      tag(ai, depth) {
        const tag = this.argument(ai);
        if (tag !== CID_TAG) throw new Malformed(`tag ${tag} is not allowed (only 42, CID)`);
        if (depth >= this.maxDepth) throw new Malformed(`nested deeper than ${this.maxDepth}`);
        const initial = this.byte();
        if (initial >> 5 !== 2) throw new Malformed("CID tag 42 must hold bytes starting with 0x00");
        const n = this.length(initial & 31, 1);
        const start = this.pos;
        this.pos = start + n;
        if (n === 0 || this.bytes[start] !== 0) throw new Malformed("CID tag 42 must hold bytes starting with 0x00");
        const raw = this.bytes.subarray(start + 1, start + n);
        let cid;
        try {
          cid = CID.decode(raw);
        } catch (e) {
          throw new Malformed(`invalid CID: ${e.message}`);
        }
        if (!bytesEqual(cid.bytes, raw)) this.late ??= "CID is not in its canonical binary form";
        return cid;
      }
      /** Major type 7: false, true, null and 64-bit floats only (DAG-CBOR "Strictness"). */
      simple(ai) {
        switch (ai) {
          case 20:
            return false;
          case 21:
            return true;
          case 22:
            return null;
          case 23:
            throw new Malformed("undefined is not allowed");
          case 25:
            this.need(2);
            if ((this.bytes[this.pos] & 124) === 124) throw new Malformed("NaN and Infinity are not allowed");
            this.pos += 2;
            this.late ??= "floats must be 64-bit";
            return 0;
          case 26:
            this.need(4);
            if ((this.bytes[this.pos] & 127) === 127 && (this.bytes[this.pos + 1] & 128) !== 0) {
              throw new Malformed("NaN and Infinity are not allowed");
            }
            this.pos += 4;
            this.late ??= "floats must be 64-bit";
            return 0;
          case 27: {
            this.need(8);
            const b = this.bytes;
            const view = new DataView(b.buffer, b.byteOffset + this.pos, 8);
            const value = view.getFloat64(0);
            this.pos += 8;
            if (!Number.isFinite(value)) throw new Malformed("NaN and Infinity are not allowed");
            if (Number.isSafeInteger(value)) this.late ??= "a float holding an integer must be encoded as that integer";
            return value;
          }
          case 31:
            throw new Malformed("unexpected break byte 0xff");
          default:
            throw new Malformed(ai <= 24 ? "simple values other than false, true and null are not allowed" : `reserved additional information ${ai}`);
        }
      }
    };
  }
});

// src/codec/dag-cbor-encode.ts
function refuse(what) {
  throw new CounterfoilError("ERR_MALFORMED", `${what} cannot be encoded as DAG-CBOR`);
}
function typeName(value) {
  return Object.prototype.toString.call(value).slice(8, -1);
}
function compareKeys(a, b) {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
function writeNumber(w, n) {
  if (Number.isSafeInteger(n)) {
    if (n >= 0) w.head(0, n);
    else w.head(1, -1 - n);
    return;
  }
  if (!Number.isFinite(n)) refuse("NaN or Infinity");
  w.reserve(9);
  w.buf[w.pos] = 251;
  new DataView(w.buf.buffer, w.buf.byteOffset + w.pos + 1, 8).setFloat64(0, n);
  w.pos += 9;
}
function writeBigInt(w, n) {
  if (n >= 0n) {
    if (n >= UINT64_LIMIT) refuse("an integer above 2^64 \u2212 1");
    w.bigHead(0, n);
  } else {
    const m = -1n - n;
    if (m >= UINT64_LIMIT) refuse("an integer below \u22122^64");
    w.bigHead(1, m);
  }
}
function writeText(w, s) {
  const bytes2 = textEncoder.encode(s);
  w.head(3, bytes2.length);
  w.raw(bytes2);
}
function writeMap(w, obj) {
  const keys = Object.keys(obj);
  const entries = keys.map((k) => ({ key: k, bytes: textEncoder.encode(k) }));
  entries.sort((a, b) => compareKeys(a.bytes, b.bytes));
  w.head(5, entries.length);
  for (const { key, bytes: bytes2 } of entries) {
    w.head(3, bytes2.length);
    w.raw(bytes2);
    write(w, obj[key]);
  }
}
function write(w, value) {
  switch (typeof value) {
    case "number":
      return writeNumber(w, value);
    case "string":
      return writeText(w, value);
    case "boolean":
      return w.byte(value ? 245 : 244);
    case "bigint":
      return writeBigInt(w, value);
    case "undefined":
      return refuse("undefined");
    case "object":
      break;
    default:
      return refuse(`a ${typeof value}`);
  }
  if (value === null) return w.byte(246);
  if (value instanceof Uint8Array) {
    w.head(2, value.length);
    return w.raw(value);
  }
  if (Array.isArray(value)) {
    w.head(4, value.length);
    for (const item of value) write(w, item);
    return;
  }
  const cid = CID.asCID(value);
  if (cid !== null) {
    w.head(6, 42);
    w.head(2, cid.bytes.length + 1);
    w.byte(0);
    return w.raw(cid.bytes);
  }
  if (ArrayBuffer.isView(value)) {
    const view = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    w.head(2, view.length);
    return w.raw(view);
  }
  const type = typeName(value);
  switch (type) {
    case "Object":
      return writeMap(w, value);
    case "ArrayBuffer":
    case "SharedArrayBuffer": {
      const view = new Uint8Array(value);
      w.head(2, view.length);
      return w.raw(view);
    }
    case "Map":
      return refuse("a Map (use a plain object with string keys)");
    case "Set":
      return refuse("a Set");
    case "Date":
      return refuse("a Date (use integer seconds)");
    default:
      return refuse(`a ${type}`);
  }
}
function encodeDagCbor(value) {
  const w = new Writer();
  try {
    write(w, value);
  } catch (e) {
    if (e instanceof RangeError) throw new CounterfoilError("ERR_MALFORMED", "cannot encode as DAG-CBOR: circular or too deeply nested", { cause: e });
    throw e;
  }
  return w.buf.slice(0, w.pos);
}
var textEncoder, UINT64_LIMIT, Writer;
var init_dag_cbor_encode = __esm({
  "src/codec/dag-cbor-encode.ts"() {
    "use strict";
    init_cid();
    init_errors();
    textEncoder = /* @__PURE__ */ new TextEncoder();
    UINT64_LIMIT = 1n << 64n;
    Writer = class {
      buf = new Uint8Array(256);
      pos = 0;
      reserve(n) {
        if (this.pos + n <= this.buf.length) return;
        let size = this.buf.length * 2;
        while (size < this.pos + n) size *= 2;
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(0, this.pos));
        this.buf = next;
      }
      /** RFC 8949 §3: a head with major type `major` and argument `n` (0 ≤ n < 2^53), shortest form. */
      head(major, n) {
        this.reserve(9);
        const b = this.buf;
        const m = major << 5;
        let p = this.pos;
        if (n < 24) {
          b[p++] = m | n;
        } else if (n < 256) {
          b[p++] = m | 24;
          b[p++] = n;
        } else if (n < 65536) {
          b[p++] = m | 25;
          b[p++] = n >> 8;
          b[p++] = n & 255;
        } else if (n < 4294967296) {
          b[p++] = m | 26;
          b[p++] = n >>> 24;
          b[p++] = n >> 16 & 255;
          b[p++] = n >> 8 & 255;
          b[p++] = n & 255;
        } else {
          const hi = Math.floor(n / 4294967296);
          const lo = n >>> 0;
          b[p++] = m | 27;
          b[p++] = hi >>> 24;
          b[p++] = hi >> 16 & 255;
          b[p++] = hi >> 8 & 255;
          b[p++] = hi & 255;
          b[p++] = lo >>> 24;
          b[p++] = lo >> 16 & 255;
          b[p++] = lo >> 8 & 255;
          b[p++] = lo & 255;
        }
        this.pos = p;
      }
      /** A head whose argument is a bigint below 2^64. */
      bigHead(major, n) {
        if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return this.head(major, Number(n));
        this.reserve(9);
        this.buf[this.pos++] = major << 5 | 27;
        for (let shift = 56n; shift >= 0n; shift -= 8n) this.buf[this.pos++] = Number(n >> shift & 0xffn);
      }
      raw(bytes2) {
        this.reserve(bytes2.length);
        this.buf.set(bytes2, this.pos);
        this.pos += bytes2.length;
      }
      byte(b) {
        this.reserve(1);
        this.buf[this.pos++] = b;
      }
    };
  }
});

// src/codec/dag-cbor.ts
function encodeCbor(value) {
  return encodeDagCbor(value);
}
function decodeCbor(bytes2, options = {}) {
  if (!(bytes2 instanceof Uint8Array)) {
    throw new TypeError(`"bytes" expected Uint8Array, got ${bytes2 === null ? "null" : typeof bytes2}`);
  }
  return decodeDagCbor(bytes2, options.maxDepth ?? DEFAULT_MAX_DEPTH);
}
var init_dag_cbor = __esm({
  "src/codec/dag-cbor.ts"() {
    "use strict";
    init_dag_cbor_decode();
    init_dag_cbor_encode();
  }
});

// src/codec/cid.ts
var cid_exports = {};
__export(cid_exports, {
  DAG_CBOR_CODE: () => DAG_CBOR_CODE,
  SHA2_256_CODE: () => SHA2_256_CODE,
  cidBytesOf: () => cidBytesOf,
  cidOf: () => cidOf,
  cidText: () => cidText,
  parseRecordId: () => parseRecordId
});
import { sha256 } from "#sha256-platform";
function cidOf(bytes2) {
  return CID.createV1(DAG_CBOR_CODE, create(SHA2_256_CODE, sha256(bytes2)));
}
function cidBytesOf(bytes2) {
  const out = new Uint8Array(36);
  out[0] = 1;
  out[1] = DAG_CBOR_CODE;
  out[2] = SHA2_256_CODE;
  out[3] = 32;
  out.set(sha256(bytes2), 4);
  return out;
}
function parseRecordId(input) {
  let cid;
  try {
    if (typeof input === "string") {
      cid = CID.parse(input, base32);
      if (cid.toString(base32) !== input) throw new Error("not canonical base32 text");
    } else if (input instanceof Uint8Array) {
      cid = CID.decode(input);
      if (!bytesEqual(cid.bytes, input)) throw new Error("not canonical bytes");
    } else {
      const asCid = CID.asCID(input);
      if (asCid === null) throw new Error("not a CID");
      cid = asCid;
    }
  } catch (e) {
    throw new CounterfoilError("ERR_MALFORMED", `invalid record id: ${e.message}`, { cause: e });
  }
  if (cid.version !== 1 || cid.code !== DAG_CBOR_CODE || cid.multihash.code !== SHA2_256_CODE || cid.multihash.digest.length !== 32) {
    throw new CounterfoilError("ERR_MALFORMED", "record id must be a CIDv1 with dag-cbor codec and sha2-256 digest");
  }
  return cid;
}
function cidText(cidBytes) {
  const codes = new Array(1 + Math.ceil(cidBytes.length * 8 / 5));
  codes[0] = 98;
  let o = 1;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < cidBytes.length; i++) {
    buffer = (buffer << 8 | cidBytes[i]) & 4095;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      codes[o++] = BASE32_CODES[buffer >> bits & 31];
    }
  }
  if (bits > 0) codes[o++] = BASE32_CODES[buffer << 5 - bits & 31];
  return String.fromCharCode.apply(null, codes);
}
var DAG_CBOR_CODE, SHA2_256_CODE, BASE32_CODES;
var init_cid2 = __esm({
  "src/codec/cid.ts"() {
    "use strict";
    init_base32();
    init_cid();
    init_digest();
    init_errors();
    init_bytes2();
    DAG_CBOR_CODE = 113;
    SHA2_256_CODE = 18;
    BASE32_CODES = /* @__PURE__ */ Array.from("abcdefghijklmnopqrstuvwxyz234567", (c) => c.charCodeAt(0));
  }
});

// src/keys/strict.ts
var strict_exports = {};
__export(strict_exports, {
  PUBLIC_KEY_LENGTH: () => PUBLIC_KEY_LENGTH,
  SEED_LENGTH: () => SEED_LENGTH,
  SIGNATURE_LENGTH: () => SIGNATURE_LENGTH,
  SMALL_ORDER_Y: () => SMALL_ORDER_Y,
  assertBytesArg: () => assertBytesArg,
  checkPublicKey: () => checkPublicKey,
  isCanonicalEncoding: () => isCanonicalEncoding,
  isOnCurveEncoding: () => isOnCurveEncoding,
  isReducedScalar: () => isReducedScalar,
  isSmallOrderEncoding: () => isSmallOrderEncoding,
  isValidPublicKey: () => isValidPublicKey,
  isWellFormedPublicKey: () => isWellFormedPublicKey,
  isWellFormedSignature: () => isWellFormedSignature
});
function hexToBytes(hex2) {
  const out = new Uint8Array(hex2.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex2.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function assertBytes2(value, name) {
  if (!(value instanceof Uint8Array)) {
    const got = value === null ? "null" : typeof value === "object" ? value.constructor?.name ?? "object" : typeof value;
    throw new TypeError(`"${name}" expected Uint8Array, got type=${got}`);
  }
}
function isCanonicalEncoding(point) {
  assertBytes2(point, "point");
  if (point.length !== 32) throw new RangeError(`"point" expected Uint8Array of length 32, got length=${point.length}`);
  if ((point[31] & 128) !== 0 && isZeroXEncoding(point)) return false;
  if ((point[31] & 127) !== 127) return true;
  for (let i = 30; i >= 1; i--) if (point[i] !== 255) return true;
  return point[0] < 237;
}
function isZeroXEncoding(point) {
  const top = point[31] & 127;
  if (point[0] === 1 && top === 0) {
    for (let i = 1; i < 31; i++) if (point[i] !== 0) return false;
    return true;
  }
  if (point[0] === 236 && top === 127) {
    for (let i = 1; i < 31; i++) if (point[i] !== 255) return false;
    return true;
  }
  return false;
}
function isSmallOrderEncoding(point) {
  assertBytes2(point, "point");
  if (point.length !== 32) throw new RangeError(`"point" expected Uint8Array of length 32, got length=${point.length}`);
  outer: for (const y of SMALL_ORDER_Y_BYTES) {
    for (let i = 0; i < 31; i++) if (point[i] !== y[i]) continue outer;
    if ((point[31] & 127) === y[31]) return true;
  }
  return false;
}
function isReducedScalar(s) {
  assertBytes2(s, "s");
  if (s.length !== 32) throw new RangeError(`"s" expected Uint8Array of length 32, got length=${s.length}`);
  for (let i = 31; i >= 0; i--) {
    if (s[i] < L_LE[i]) return true;
    if (s[i] > L_LE[i]) return false;
  }
  return false;
}
function isWellFormedPublicKey(publicKey) {
  return publicKey instanceof Uint8Array && publicKey.length === PUBLIC_KEY_LENGTH && isCanonicalEncoding(publicKey) && !isSmallOrderEncoding(publicKey);
}
function isWellFormedSignature(signature) {
  return signature instanceof Uint8Array && signature.length === SIGNATURE_LENGTH && isCanonicalEncoding(signature.subarray(0, 32)) && isReducedScalar(signature.subarray(32, 64));
}
function reduce(a) {
  while (a > MASK_255) a = (a & MASK_255) + 19n * (a >> 255n);
  return a >= P ? a - P : a;
}
function modP(a) {
  return a < 0n ? reduce(a % P + P) : reduce(a);
}
function sqrN(x, k) {
  while (k-- > 0) x = reduce(x * x);
  return x;
}
function powP58(x) {
  const b2 = reduce(reduce(x * x) * x);
  const b4 = reduce(sqrN(b2, 2) * b2);
  const b5 = reduce(sqrN(b4, 1) * x);
  const b10 = reduce(sqrN(b5, 5) * b5);
  const b20 = reduce(sqrN(b10, 10) * b10);
  const b40 = reduce(sqrN(b20, 20) * b20);
  const b80 = reduce(sqrN(b40, 40) * b40);
  const b160 = reduce(sqrN(b80, 80) * b80);
  const b240 = reduce(sqrN(b160, 80) * b80);
  const b250 = reduce(sqrN(b240, 10) * b10);
  return reduce(sqrN(b250, 2) * x);
}
function isOnCurveEncoding(point) {
  if (!isCanonicalEncoding(point)) return false;
  let y = 0n;
  for (let i = 31; i >= 0; i--) y = y << 8n | BigInt(i === 31 ? point[i] & 127 : point[i]);
  const signBit = (point[31] & 128) !== 0;
  const y2 = reduce(y * y);
  const u = modP(y2 - 1n);
  const v = reduce(D * y2 + 1n);
  const v3 = reduce(reduce(v * v) * v);
  const v7 = reduce(reduce(v3 * v3) * v);
  const x = reduce(reduce(u * v3) * powP58(reduce(u * v7)));
  const vx2 = reduce(v * reduce(x * x));
  if (vx2 !== u && vx2 !== modP(-u)) return false;
  if (u === 0n && signBit) return false;
  return true;
}
function checkPublicKey(publicKey) {
  assertBytes2(publicKey, "publicKey");
  if (publicKey.length !== PUBLIC_KEY_LENGTH) {
    throw new CounterfoilError(
      "ERR_INVALID_KEY",
      `"publicKey" expected Uint8Array of length 32, got length=${publicKey.length}`
    );
  }
  if (!isCanonicalEncoding(publicKey)) {
    throw new CounterfoilError("ERR_INVALID_KEY", "Ed25519 public key is not canonical (y \u2265 p, RFC 8032 \xA75.1.3)");
  }
  if (isSmallOrderEncoding(publicKey)) {
    throw new CounterfoilError("ERR_INVALID_KEY", "Ed25519 public key is a point of small order");
  }
  if (!isOnCurveEncoding(publicKey)) {
    throw new CounterfoilError("ERR_INVALID_KEY", "Ed25519 public key is not a point on the curve (RFC 8032 \xA75.1.3)");
  }
}
function isValidPublicKey(publicKey) {
  return isWellFormedPublicKey(publicKey) && isOnCurveEncoding(publicKey);
}
function assertBytesArg(value, name, length2) {
  assertBytes2(value, name);
  if (length2 !== void 0 && value.length !== length2) {
    throw new RangeError(`"${name}" expected Uint8Array of length ${length2}, got length=${value.length}`);
  }
}
var PUBLIC_KEY_LENGTH, SEED_LENGTH, SIGNATURE_LENGTH, L_LE, SMALL_ORDER_Y, SMALL_ORDER_Y_BYTES, P, D, MASK_255;
var init_strict = __esm({
  "src/keys/strict.ts"() {
    "use strict";
    init_errors();
    PUBLIC_KEY_LENGTH = 32;
    SEED_LENGTH = 32;
    SIGNATURE_LENGTH = 64;
    L_LE = /* @__PURE__ */ Uint8Array.of(
      237,
      211,
      245,
      92,
      26,
      99,
      18,
      88,
      214,
      156,
      247,
      162,
      222,
      249,
      222,
      20,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      16
    );
    SMALL_ORDER_Y = Object.freeze([
      "0000000000000000000000000000000000000000000000000000000000000000",
      // y = 0, order 4
      "0100000000000000000000000000000000000000000000000000000000000000",
      // y = 1, order 1
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
      // y = p − 1, order 2
      "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
      // order 8
      "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"
      // order 8
    ]);
    SMALL_ORDER_Y_BYTES = SMALL_ORDER_Y.map(hexToBytes);
    P = 2n ** 255n - 19n;
    D = 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n;
    MASK_255 = (1n << 255n) - 1n;
  }
});

// node_modules/@noble/ed25519/index.js
var freeze, P2, N, _d, Gx, Gy, _a, ed25519_CURVE, LEN, isBytes, abytes, snapshotBytes, padh, bytesToHex, hexToBytes2, concatBytes, randomBytes, arange, mod, P_MASK, modP2, modN, invert, _hash, callHash, apoint, B256, Point, G, I, numTo32bLE, bytesToNumberLE, pow2, pow_2_252_3, RM1, uvRatio, modL_LE, hashedToExtK, getExtendedPublicKey, getPublicKey, hashFinishSync, _sign, sign, etc, hashes, precompute, Gpows, ctneg, wNAF;
var init_ed25519 = __esm({
  "node_modules/@noble/ed25519/index.js"() {
    freeze = Object.freeze;
    P2 = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffedn;
    N = 0x1000000000000000000000000000000014def9dea2f79cd65812631a5cf5d3edn;
    _d = 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3n;
    Gx = 0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51an;
    Gy = 0x6666666666666666666666666666666666666666666666666666666666666658n;
    _a = P2 - 1n;
    ed25519_CURVE = freeze({
      p: P2,
      n: N,
      h: 8n,
      a: _a,
      d: _d,
      Gx,
      Gy
    });
    LEN = 32;
    isBytes = (a) => {
      return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && a.BYTES_PER_ELEMENT === 1;
    };
    abytes = (value, length2, title = "") => {
      if (isBytes(value) && (length2 === void 0 || value.length === length2))
        return value;
      const bytes2 = isBytes(value);
      const ofLen = length2 !== void 0 ? ` of length ${length2}` : "";
      const got = bytes2 ? `length=${value.length}` : `type=${typeof value}`;
      const message = (title ? `"${title}" ` : "") + "expected Uint8Array" + ofLen + ", got " + got;
      if (!bytes2)
        throw new TypeError(message);
      throw new RangeError(message);
    };
    snapshotBytes = (value, title = "", length2) => Uint8Array.from(abytes(value, length2, title));
    padh = (n, pad) => n.toString(16).padStart(pad, "0");
    bytesToHex = (bytes2) => {
      let hex2 = "";
      for (const byte of abytes(bytes2))
        hex2 += padh(byte, 2);
      return hex2;
    };
    hexToBytes2 = (hex2) => {
      const e = "hex invalid";
      if (typeof hex2 !== "string")
        throw new TypeError(e);
      if (hex2.length % 2 || !/^[\da-f]*$/i.test(hex2))
        throw new RangeError(e);
      const array = new Uint8Array(hex2.length / 2);
      for (let ai = 0, hi = 0; ai < array.length; ai++, hi += 2) {
        const n1 = hex2.charCodeAt(hi);
        const n2 = hex2.charCodeAt(hi + 1);
        array[ai] = ((n1 & 15) + (n1 >> 6) * 9) * 16 + (n2 & 15) + (n2 >> 6) * 9;
      }
      return array;
    };
    concatBytes = (...arrays) => {
      let sum = 0;
      for (const a of arrays)
        sum += abytes(a).length;
      const res = new Uint8Array(sum);
      let pad = 0;
      for (const a of arrays) {
        res.set(a, pad);
        pad += a.length;
      }
      return res;
    };
    randomBytes = (len = LEN) => {
      const c = globalThis?.crypto;
      if (typeof c?.getRandomValues !== "function")
        throw new Error("crypto.getRandomValues must be defined, consider polyfill");
      return c.getRandomValues(new Uint8Array(len));
    };
    arange = (n, min, max, msg2 = "bad number: out of range") => {
      if (typeof n !== "bigint")
        throw new TypeError(msg2);
      if (min <= n && n < max)
        return n;
      throw new RangeError(msg2);
    };
    mod = (a, b = P2) => (a %= b) >= 0n ? a : b + a;
    P_MASK = (1n << 255n) - 1n;
    modP2 = (num) => {
      if (num < 0n)
        throw new RangeError("negative coordinate");
      let r = (num >> 255n) * 19n + (num & P_MASK);
      r = (r >> 255n) * 19n + (r & P_MASK);
      return r % P2;
    };
    modN = (a) => mod(a, N);
    invert = (number, modulo) => {
      if (number === 0n)
        throw new Error("invert: expected non-zero number");
      if (modulo <= 1n)
        throw new Error("invert: expected modulus > 1, got " + modulo);
      let a = mod(number, modulo);
      let b = modulo;
      let x = 0n, u = 1n;
      while (a !== 0n) {
        const q = b / a;
        const r = b - a * q;
        const m = x - u * q;
        b = a, a = r, x = u, u = m;
      }
      const gcd = b;
      if (gcd !== 1n)
        throw new Error("invert: does not exist");
      return mod(x, modulo);
    };
    _hash = (name) => {
      const fn = hashes[name];
      if (typeof fn !== "function")
        throw new Error("hashes." + name + " not set");
      return fn;
    };
    callHash = (name, ...m) => abytes(_hash(name)(concatBytes(...m)), 64, "digest");
    apoint = (p) => {
      if (p instanceof Point)
        return p;
      throw new TypeError("Point expected");
    };
    B256 = 2n ** 256n;
    Point = class _Point {
      static BASE;
      static ZERO;
      X;
      Y;
      Z;
      T;
      // Constructor only bounds-checks and freezes XYZT coordinates; it does not prove the point is
      // on-curve or that T matches X*Y/Z.
      constructor(X, Y, Z, T) {
        const max = B256;
        this.X = arange(X, 0n, max);
        this.Y = arange(Y, 0n, max);
        this.Z = arange(Z, 1n, max);
        this.T = arange(T, 0n, max);
        freeze(this);
      }
      static CURVE() {
        return ed25519_CURVE;
      }
      static fromAffine(p) {
        return new _Point(p.x, p.y, 1n, modP2(p.x * p.y));
      }
      /** RFC8032 5.1.3: Uint8Array to Point. */
      static fromBytes(bytes2, zip215 = false) {
        const normed = snapshotBytes(bytes2, "point", LEN);
        const lastByte = normed[31];
        normed[31] = lastByte & ~128;
        const y = bytesToNumberLE(normed);
        if (!zip215)
          arange(y, 0n, P2);
        const y2 = modP2(y * y);
        const u = mod(y2 - 1n);
        const v = modP2(_d * y2 + 1n);
        let { isValid, value: x } = uvRatio(u, v);
        if (!isValid)
          throw new Error("bad point: y not sqrt");
        const isLastByteOdd = !!(lastByte & 128);
        if (!zip215 && x === 0n && isLastByteOdd)
          throw new Error("bad point: x==0, isLastByteOdd");
        if (isLastByteOdd !== !!(x & 1n))
          x = mod(-x);
        return new _Point(x, y, 1n, modP2(x * y));
      }
      static fromHex(hex2, zip215) {
        return _Point.fromBytes(hexToBytes2(hex2), zip215);
      }
      get x() {
        return this.toAffine().x;
      }
      get y() {
        return this.toAffine().y;
      }
      /** Checks if the point is valid and on-curve. */
      assertValidity() {
        const a = _a;
        const d = _d;
        const p = this;
        if (p.is0())
          throw new Error("bad point: ZERO");
        const { X, Y, Z, T } = p;
        const X2 = modP2(X * X);
        const Y2 = modP2(Y * Y);
        const Z2 = modP2(Z * Z);
        const Z4 = modP2(Z2 * Z2);
        const aX2 = modP2(X2 * a);
        const left = modP2(Z2 * (aX2 + Y2));
        const right = mod(Z4 + modP2(d * modP2(X2 * Y2)));
        if (left !== right)
          throw new Error("bad point: equation left != right (1)");
        const XY = modP2(X * Y);
        const ZT = modP2(Z * T);
        if (XY !== ZT)
          throw new Error("bad point: equation left != right (2)");
        return this;
      }
      /** Equality check: compare points P&Q. */
      equals(other) {
        const { X: X1, Y: Y1, Z: Z1 } = this;
        const { X: X2, Y: Y2, Z: Z2 } = apoint(other);
        return modP2(X1 * Z2) === modP2(X2 * Z1) && modP2(Y1 * Z2) === modP2(Y2 * Z1);
      }
      is0() {
        return this.equals(I);
      }
      /** Flip point over y coordinate. */
      negate() {
        return new _Point(mod(-this.X), this.Y, this.Z, mod(-this.T));
      }
      /** Point doubling. Complete formula. Cost: `4M + 4S + 1*a + 6add + 1*2`. */
      double() {
        const { X: X1, Y: Y1, Z: Z1 } = this;
        const a = _a;
        const A = modP2(X1 * X1);
        const B = modP2(Y1 * Y1);
        const C = modP2(2n * Z1 * Z1);
        const D2 = modP2(a * A);
        const x1y1 = mod(X1 + Y1);
        const E = mod(modP2(x1y1 * x1y1) - A - B);
        const G2 = mod(D2 + B);
        const F = mod(G2 - C);
        const H = mod(D2 - B);
        const X3 = modP2(E * F);
        const Y3 = modP2(G2 * H);
        const T3 = modP2(E * H);
        const Z3 = modP2(F * G2);
        return new _Point(X3, Y3, Z3, T3);
      }
      /** Point addition. Complete formula. Cost: `9M + 1*a + 1*d + 7add`. */
      add(other) {
        const { X: X1, Y: Y1, Z: Z1, T: T1 } = this;
        const { X: X2, Y: Y2, Z: Z2, T: T2 } = apoint(other);
        const a = _a;
        const d = _d;
        const A = modP2(X1 * X2);
        const B = modP2(Y1 * Y2);
        const C = modP2(modP2(T1 * d) * T2);
        const D2 = modP2(Z1 * Z2);
        const E = mod(modP2(mod(X1 + Y1) * mod(X2 + Y2)) - A - B);
        const F = mod(D2 - C);
        const G2 = mod(D2 + C);
        const H = mod(B - modP2(a * A));
        const X3 = modP2(E * F);
        const Y3 = modP2(G2 * H);
        const T3 = modP2(E * H);
        const Z3 = modP2(F * G2);
        return new _Point(X3, Y3, Z3, T3);
      }
      subtract(other) {
        return this.add(apoint(other).negate());
      }
      /**
       * Point-by-scalar multiplication. Safe mode requires `1 <= n < CURVE.n`.
       * Unsafe mode additionally permits `n = 0` and returns the identity point for that case.
       * Uses {@link wNAF} for base point.
       * Uses fake point to mitigate side-channel leakage.
       * @param n - scalar by which point is multiplied
       * @param safe - safe mode guards against timing attacks; unsafe mode is faster
       */
      multiply(n, safe = true) {
        if (!safe && n === 0n)
          return I;
        arange(n, 1n, N);
        if (!safe && this.is0())
          return I;
        if (n === 1n)
          return this;
        if (this.equals(G))
          return wNAF(n).p;
        let p = I;
        let f = G;
        let d = this;
        for (let i = 0; safe ? i < 256 : n > 0n; i++) {
          if (n & 1n)
            p = p.add(d);
          else if (safe)
            f = f.add(d);
          d = d.double();
          n >>= 1n;
        }
        return p;
      }
      multiplyUnsafe(scalar) {
        return this.multiply(scalar, false);
      }
      /** Convert point to 2d xy affine point. (X, Y, Z) ∋ (x=X/Z, y=Y/Z) */
      toAffine() {
        const { X, Y, Z } = this;
        if (this.equals(I))
          return { x: 0n, y: 1n };
        const iz = invert(Z, P2);
        if (modP2(Z * iz) !== 1n)
          throw new Error("invalid inverse");
        return { x: modP2(X * iz), y: modP2(Y * iz) };
      }
      toBytes() {
        const { x, y } = this.toAffine();
        const b = numTo32bLE(y);
        b[31] |= x & 1n ? 128 : 0;
        return b;
      }
      toHex() {
        return bytesToHex(this.toBytes());
      }
      clearCofactor() {
        return this.multiply(8n, false);
      }
      isSmallOrder() {
        return this.clearCofactor().is0();
      }
      isTorsionFree() {
        return this.multiply(N / 2n, false).double().add(this).is0();
      }
    };
    G = new Point(Gx, Gy, 1n, mod(Gx * Gy));
    I = new Point(0n, 1n, 1n, 0n);
    Point.BASE = G;
    Point.ZERO = I;
    numTo32bLE = (num) => hexToBytes2(padh(arange(num, 0n, B256), 64)).reverse();
    bytesToNumberLE = (b) => BigInt("0x" + bytesToHex(Uint8Array.from(abytes(b)).reverse()));
    pow2 = (x, power) => {
      let r = x;
      while (power-- > 0) {
        r = modP2(r * r);
      }
      return r;
    };
    pow_2_252_3 = (x) => {
      const x2 = modP2(x * x);
      const b2 = modP2(x2 * x);
      const b4 = modP2(pow2(b2, 2) * b2);
      const b5 = modP2(pow2(b4, 1) * x);
      const b10 = modP2(pow2(b5, 5) * b5);
      const b20 = modP2(pow2(b10, 10) * b10);
      const b40 = modP2(pow2(b20, 20) * b20);
      const b80 = modP2(pow2(b40, 40) * b40);
      const b160 = modP2(pow2(b80, 80) * b80);
      const b240 = modP2(pow2(b160, 80) * b80);
      const b250 = modP2(pow2(b240, 10) * b10);
      return modP2(pow2(b250, 2) * x);
    };
    RM1 = 0x2b8324804fc1df0b2b4d00993dfbd7a72f431806ad2fe478c4ee1b274a0ea0b0n;
    uvRatio = (u, v) => {
      const v3 = modP2(v * modP2(v * v));
      const v7 = modP2(modP2(v3 * v3) * v);
      const pow = pow_2_252_3(modP2(u * v7));
      let x = modP2(u * modP2(v3 * pow));
      const vx2 = modP2(v * modP2(x * x));
      const root1 = x;
      const root2 = modP2(x * RM1);
      const useRoot1 = vx2 === u;
      const useRoot2 = vx2 === mod(-u);
      const noRoot = vx2 === mod(-u * RM1);
      if (useRoot1)
        x = root1;
      if (useRoot2 || noRoot)
        x = root2;
      if ((mod(x) & 1n) === 1n)
        x = mod(-x);
      return { isValid: useRoot1 || useRoot2, value: x };
    };
    modL_LE = (hash) => modN(bytesToNumberLE(hash));
    hashedToExtK = (hashed) => {
      const copy = snapshotBytes(hashed);
      const head = copy.slice(0, 32);
      head[0] &= 248;
      head[31] &= 127;
      head[31] |= 64;
      const prefix = copy.slice(32);
      const scalar = modL_LE(head);
      const point = G.multiply(scalar);
      const pointBytes = point.toBytes();
      return { head, prefix, scalar, point, pointBytes };
    };
    getExtendedPublicKey = (secretKey) => hashedToExtK(callHash("sha512", abytes(secretKey, LEN, "secretKey")));
    getPublicKey = (secretKey) => getExtendedPublicKey(secretKey).pointBytes;
    hashFinishSync = (res) => res[1](callHash("sha512", res[0]));
    _sign = (e, rBytes, msg2) => {
      const { pointBytes: A, scalar: s } = e;
      const r = modL_LE(rBytes);
      const R = G.multiply(r).toBytes();
      const hashable = concatBytes(R, A, msg2);
      const finish = (hashed) => {
        const S = modN(r + modL_LE(hashed) * s);
        return abytes(concatBytes(R, numTo32bLE(S)), 64);
      };
      return [hashable, finish];
    };
    sign = (message, secretKey) => {
      const m = snapshotBytes(message, "message");
      const e = getExtendedPublicKey(secretKey);
      return hashFinishSync(_sign(e, callHash("sha512", e.prefix, m), m));
    };
    etc = /* @__PURE__ */ freeze({
      bytesToHex,
      hexToBytes: hexToBytes2,
      concatBytes,
      mod,
      invert,
      randomBytes
    });
    hashes = {
      sha512Async: async (message) => {
        const s = globalThis?.crypto?.subtle;
        if (!s)
          throw new Error("crypto.subtle must be defined, consider polyfill");
        return new Uint8Array(await s.digest("SHA-512", concatBytes(message)));
      },
      sha512: void 0
    };
    precompute = () => {
      const points = [];
      let p = G;
      let b;
      for (let w = 0; w < 33; w++) {
        b = p;
        points.push(b);
        for (let i = 1; i < 128; i++) {
          b = b.add(p);
          points.push(b);
        }
        p = b.double();
      }
      return points;
    };
    Gpows = void 0;
    ctneg = (cnd, p) => {
      const n = p.negate();
      return cnd ? n : p;
    };
    wNAF = (n) => {
      const comp = Gpows || (Gpows = precompute());
      let p = I;
      let f = G;
      for (let w = 0; w < 33; w++) {
        let wbits = Number(n & 255n);
        n >>= 8n;
        if (wbits > 128) {
          wbits -= 256;
          n += 1n;
        }
        const off = w * 128;
        const offP = off + Math.abs(wbits) - 1;
        const isOddW = w % 2 !== 0;
        const isNeg = wbits < 0;
        if (wbits === 0) {
          f = f.add(ctneg(isOddW, comp[off]));
        } else {
          p = p.add(ctneg(isNeg, comp[offP]));
        }
      }
      if (n !== 0n)
        throw new Error("invalid wnaf");
      return { p, f };
    };
  }
});

// node_modules/@noble/hashes/_u64.js
function fromBig(n, le = false) {
  if (le)
    return { h: Number(n & U32_MASK64), l: Number(n >> _32n & U32_MASK64) };
  return { h: Number(n >> _32n & U32_MASK64) | 0, l: Number(n & U32_MASK64) | 0 };
}
function split(lst, le = false) {
  const len = lst.length;
  let Ah = new Uint32Array(len);
  let Al = new Uint32Array(len);
  for (let i = 0; i < len; i++) {
    const { h, l } = fromBig(lst[i], le);
    [Ah[i], Al[i]] = [h, l];
  }
  return [Ah, Al];
}
function setU64FromNum(view, byteOffset, n, isLE) {
  const h = fromNumH(n);
  const l = fromNumL(n);
  view.setUint32(byteOffset, isLE ? l : h, isLE);
  view.setUint32(byteOffset + 4, isLE ? h : l, isLE);
}
function add(Ah, Al, Bh, Bl) {
  const l = (Al >>> 0) + (Bl >>> 0);
  return { h: Ah + Bh + (l / 2 ** 32 | 0) | 0, l: l | 0 };
}
var U32_MASK64, _32n, fromNumH, fromNumL, shrSH, shrSL, rotrSH, rotrSL, rotrBH, rotrBL, add3L, add3H, add4L, add4H, add5L, add5H;
var init_u64 = __esm({
  "node_modules/@noble/hashes/_u64.js"() {
    U32_MASK64 = /* @__PURE__ */ (() => BigInt(2 ** 32 - 1))();
    _32n = /* @__PURE__ */ BigInt(32);
    fromNumH = (n) => n / 2 ** 32 | 0;
    fromNumL = (n) => n >>> 0;
    shrSH = (h, _l, s) => h >>> s;
    shrSL = (h, l, s) => h << 32 - s | l >>> s;
    rotrSH = (h, l, s) => h >>> s | l << 32 - s;
    rotrSL = (h, l, s) => h << 32 - s | l >>> s;
    rotrBH = (h, l, s) => h << 64 - s | l >>> s - 32;
    rotrBL = (h, l, s) => h >>> s - 32 | l << 64 - s;
    add3L = (Al, Bl, Cl) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0);
    add3H = (low, Ah, Bh, Ch) => Ah + Bh + Ch + (low / 2 ** 32 | 0) | 0;
    add4L = (Al, Bl, Cl, Dl) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0) + (Dl >>> 0);
    add4H = (low, Ah, Bh, Ch, Dh) => Ah + Bh + Ch + Dh + (low / 2 ** 32 | 0) | 0;
    add5L = (Al, Bl, Cl, Dl, El) => (Al >>> 0) + (Bl >>> 0) + (Cl >>> 0) + (Dl >>> 0) + (El >>> 0);
    add5H = (low, Ah, Bh, Ch, Dh, Eh) => Ah + Bh + Ch + Dh + Eh + (low / 2 ** 32 | 0) | 0;
  }
});

// node_modules/@noble/hashes/utils.js
function isBytes2(a) {
  return a instanceof Uint8Array || ArrayBuffer.isView(a) && a.constructor.name === "Uint8Array" && "BYTES_PER_ELEMENT" in a && a.BYTES_PER_ELEMENT === 1;
}
function anumber(n, title = "") {
  if (typeof n !== "number")
    throw new TypeError(atitle(title) + "expected number, got " + typeof n);
  if (!Number.isSafeInteger(n) || n < 0)
    throw new RangeError(atitle(title) + "expected integer >= 0, got " + n);
  return n;
}
function abytes2(value, length2, title = "") {
  if (isBytes2(value) && (length2 === void 0 || value.length === length2))
    return value;
  if (length2 !== void 0)
    anumber(length2, "length");
  const bytes2 = isBytes2(value);
  const ofLen = length2 !== void 0 ? ` of length ${length2}` : "";
  const got = bytes2 ? `length=${value.length}` : `type=${typeof value}`;
  const message = atitle(title) + "expected Uint8Array" + ofLen + ", got " + got;
  if (!bytes2)
    throw new TypeError(message);
  throw new RangeError(message);
}
function aexists(instance, checkFinished = true) {
  if (instance.destroyed)
    throw new Error("hash was destroyed");
  if (checkFinished && instance.finished)
    throw new Error("digest() was already called");
}
function aoutput(out, instance) {
  abytes2(out, void 0, "output");
  const min = instance.outputLen;
  if (!(out.length >= min)) {
    throw new RangeError('"output" expected length >= ' + min);
  }
}
function clean(...arrays) {
  for (let i = 0; i < arrays.length; i++) {
    arrays[i].fill(0);
  }
}
function createView(arr) {
  return new DataView(arr.buffer, arr.byteOffset, arr.byteLength);
}
function rotr(word, shift) {
  return word << 32 - shift | word >>> shift;
}
function checkOpts(defaults, opts, title = "opts") {
  aopts(defaults, "defaults");
  if (opts !== void 0)
    aopts(opts, title);
  const merged = Object.assign(/* @__PURE__ */ Object.create(null), defaults, opts);
  return merged;
}
function createHasher(hashCons, info = {}) {
  if (typeof hashCons !== "function")
    throw new TypeError('"hashCons" expected function, got type=' + typeof hashCons);
  info = checkOpts({}, info, "info");
  const hashC = (msg2, opts) => hashCons(opts).update(msg2).digest();
  const tmp = hashCons(void 0);
  hashC.outputLen = tmp.outputLen;
  hashC.blockLen = tmp.blockLen;
  hashC.canXOF = tmp.canXOF;
  hashC.create = (opts) => hashCons(opts);
  Object.assign(hashC, info);
  return Object.freeze(hashC);
}
var atitle, aobject, aopts, oidNist;
var init_utils = __esm({
  "node_modules/@noble/hashes/utils.js"() {
    atitle = (title) => title ? `"${title}" ` : "";
    aobject = (value, label) => {
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new TypeError((label === "object" ? "" : `"${label}" `) + "expected object, got type=" + typeof value);
    };
    aopts = (value, label) => {
      aobject(value, label);
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`"${label}" expected plain object`);
      if (Object.hasOwn(value, "__proto__"))
        throw new TypeError(`"${label}.__proto__" is not allowed`);
    };
    oidNist = (suffix) => ({
      // Current NIST hashAlgs suffixes used here fit in one DER subidentifier octet.
      // Larger suffix values would need base-128 OID encoding and a different length byte.
      oid: Uint8Array.from([6, 9, 96, 134, 72, 1, 101, 3, 4, 2, suffix])
    });
  }
});

// node_modules/@noble/hashes/_md.js
function Chi(a, b, c) {
  return a & b ^ ~a & c;
}
function Maj(a, b, c) {
  return a & b ^ a & c ^ b & c;
}
var HashMD, SHA256_IV, SHA512_IV;
var init_md = __esm({
  "node_modules/@noble/hashes/_md.js"() {
    init_u64();
    init_utils();
    HashMD = class {
      blockLen;
      outputLen;
      canXOF = false;
      padOffset;
      isLE;
      // For partial updates less than block size
      buffer;
      view;
      finished = false;
      length = 0;
      pos = 0;
      destroyed = false;
      constructor(blockLen, outputLen, padOffset, isLE) {
        this.blockLen = blockLen;
        this.outputLen = outputLen;
        this.padOffset = padOffset;
        this.isLE = isLE;
        this.buffer = new Uint8Array(blockLen);
        this.view = createView(this.buffer);
      }
      update(data) {
        aexists(this);
        abytes2(data);
        const { view, buffer, blockLen } = this;
        const len = data.length;
        let processed = false;
        for (let pos = 0; pos < len; ) {
          const take = Math.min(blockLen - this.pos, len - pos);
          if (take === blockLen) {
            const dataView = createView(data);
            for (; blockLen <= len - pos; pos += blockLen)
              this.process(dataView, pos);
            processed = true;
            continue;
          }
          buffer.set(pos === 0 && take === len ? data : data.subarray(pos, pos + take), this.pos);
          this.pos += take;
          pos += take;
          if (this.pos === blockLen) {
            this.process(view, 0);
            this.pos = 0;
            processed = true;
          }
        }
        this.length += data.length;
        if (processed)
          this.roundClean();
        return this;
      }
      digestInto(out) {
        aexists(this);
        aoutput(out, this);
        this.finished = true;
        const { buffer, view, blockLen, isLE } = this;
        let { pos } = this;
        buffer[pos++] = 128;
        buffer.fill(0, pos);
        if (this.padOffset > blockLen - pos) {
          this.process(view, 0);
          buffer.fill(0);
        }
        setU64FromNum(view, blockLen - 8, this.length * 8, isLE);
        this.process(view, 0);
        this.roundClean();
        const oview = out === buffer ? view : createView(out);
        const len = this.outputLen;
        const outLen = len / 4;
        const state = this.get();
        if (len % 4 || outLen > state.length)
          throw new Error("invalid outputLen");
        for (let i = 0; i < outLen; i++)
          oview.setUint32(4 * i, state[i], isLE);
      }
      digest() {
        const { buffer, outputLen } = this;
        this.digestInto(buffer);
        const res = buffer.slice(0, outputLen);
        this.destroy();
        return res;
      }
      _cloneIntoMeta(to) {
        const { buffer, length: length2, finished, destroyed, pos } = this;
        to.destroyed = destroyed;
        to.finished = finished;
        to.length = length2;
        to.pos = pos;
        if (pos)
          to.buffer.set(buffer);
        return to;
      }
      clone() {
        return this._cloneInto();
      }
    };
    SHA256_IV = /* @__PURE__ */ Uint32Array.from([
      1779033703,
      3144134277,
      1013904242,
      2773480762,
      1359893119,
      2600822924,
      528734635,
      1541459225
    ]);
    SHA512_IV = /* @__PURE__ */ Uint32Array.from([
      1779033703,
      4089235720,
      3144134277,
      2227873595,
      1013904242,
      4271175723,
      2773480762,
      1595750129,
      1359893119,
      2917565137,
      2600822924,
      725511199,
      528734635,
      4215389547,
      1541459225,
      327033209
    ]);
  }
});

// node_modules/@noble/hashes/sha2.js
var SHA256_K, SHA256_W, SHA2_32B, _SHA256, K512, SHA512_Kh, SHA512_Kl, SHA512_W_H, SHA512_W_L, SHA2_64B, _SHA512, sha2562, sha512;
var init_sha2 = __esm({
  "node_modules/@noble/hashes/sha2.js"() {
    init_md();
    init_u64();
    init_utils();
    SHA256_K = /* @__PURE__ */ Uint32Array.from([
      1116352408,
      1899447441,
      3049323471,
      3921009573,
      961987163,
      1508970993,
      2453635748,
      2870763221,
      3624381080,
      310598401,
      607225278,
      1426881987,
      1925078388,
      2162078206,
      2614888103,
      3248222580,
      3835390401,
      4022224774,
      264347078,
      604807628,
      770255983,
      1249150122,
      1555081692,
      1996064986,
      2554220882,
      2821834349,
      2952996808,
      3210313671,
      3336571891,
      3584528711,
      113926993,
      338241895,
      666307205,
      773529912,
      1294757372,
      1396182291,
      1695183700,
      1986661051,
      2177026350,
      2456956037,
      2730485921,
      2820302411,
      3259730800,
      3345764771,
      3516065817,
      3600352804,
      4094571909,
      275423344,
      430227734,
      506948616,
      659060556,
      883997877,
      958139571,
      1322822218,
      1537002063,
      1747873779,
      1955562222,
      2024104815,
      2227730452,
      2361852424,
      2428436474,
      2756734187,
      3204031479,
      3329325298
    ]);
    SHA256_W = /* @__PURE__ */ new Uint32Array(64);
    SHA2_32B = class extends HashMD {
      // We cannot use array here since array allows indexing by variable
      // which means optimizer/compiler cannot use registers.
      // Numeric initializers matter: starting the fields as `undefined` changes
      // V8's field representation and makes sha256 3x slower (measured).
      A = 0;
      B = 0;
      C = 0;
      D = 0;
      E = 0;
      F = 0;
      G = 0;
      H = 0;
      constructor(outputLen, IV) {
        super(64, outputLen, 8, false);
        this.A = IV[0] | 0;
        this.B = IV[1] | 0;
        this.C = IV[2] | 0;
        this.D = IV[3] | 0;
        this.E = IV[4] | 0;
        this.F = IV[5] | 0;
        this.G = IV[6] | 0;
        this.H = IV[7] | 0;
      }
      get() {
        const { A, B, C, D: D2, E, F, G: G2, H } = this;
        return [A, B, C, D2, E, F, G2, H];
      }
      // prettier-ignore
      set(A, B, C, D2, E, F, G2, H) {
        this.A = A | 0;
        this.B = B | 0;
        this.C = C | 0;
        this.D = D2 | 0;
        this.E = E | 0;
        this.F = F | 0;
        this.G = G2 | 0;
        this.H = H | 0;
      }
      _cloneInto(to) {
        (to ||= new this.constructor()).set(...this.get());
        return this._cloneIntoMeta(to);
      }
      process(view, offset) {
        for (let i = 0; i < 16; i++, offset += 4)
          SHA256_W[i] = view.getUint32(offset, false);
        for (let i = 16; i < 64; i++) {
          const W15 = SHA256_W[i - 15];
          const W2 = SHA256_W[i - 2];
          const s0 = rotr(W15, 7) ^ rotr(W15, 18) ^ W15 >>> 3;
          const s1 = rotr(W2, 17) ^ rotr(W2, 19) ^ W2 >>> 10;
          SHA256_W[i] = s1 + SHA256_W[i - 7] + s0 + SHA256_W[i - 16] | 0;
        }
        let { A, B, C, D: D2, E, F, G: G2, H } = this;
        for (let i = 0; i < 64; i++) {
          const sigma1 = rotr(E, 6) ^ rotr(E, 11) ^ rotr(E, 25);
          const T1 = H + sigma1 + Chi(E, F, G2) + SHA256_K[i] + SHA256_W[i] | 0;
          const sigma0 = rotr(A, 2) ^ rotr(A, 13) ^ rotr(A, 22);
          const T2 = sigma0 + Maj(A, B, C) | 0;
          H = G2;
          G2 = F;
          F = E;
          E = D2 + T1 | 0;
          D2 = C;
          C = B;
          B = A;
          A = T1 + T2 | 0;
        }
        A = A + this.A | 0;
        B = B + this.B | 0;
        C = C + this.C | 0;
        D2 = D2 + this.D | 0;
        E = E + this.E | 0;
        F = F + this.F | 0;
        G2 = G2 + this.G | 0;
        H = H + this.H | 0;
        this.set(A, B, C, D2, E, F, G2, H);
      }
      roundClean() {
        clean(SHA256_W);
      }
      destroy() {
        this.destroyed = true;
        this.set(0, 0, 0, 0, 0, 0, 0, 0);
        clean(this.buffer);
      }
    };
    _SHA256 = class extends SHA2_32B {
      constructor() {
        super(32, SHA256_IV);
      }
    };
    K512 = /* @__PURE__ */ (() => split([
      "0x428a2f98d728ae22",
      "0x7137449123ef65cd",
      "0xb5c0fbcfec4d3b2f",
      "0xe9b5dba58189dbbc",
      "0x3956c25bf348b538",
      "0x59f111f1b605d019",
      "0x923f82a4af194f9b",
      "0xab1c5ed5da6d8118",
      "0xd807aa98a3030242",
      "0x12835b0145706fbe",
      "0x243185be4ee4b28c",
      "0x550c7dc3d5ffb4e2",
      "0x72be5d74f27b896f",
      "0x80deb1fe3b1696b1",
      "0x9bdc06a725c71235",
      "0xc19bf174cf692694",
      "0xe49b69c19ef14ad2",
      "0xefbe4786384f25e3",
      "0x0fc19dc68b8cd5b5",
      "0x240ca1cc77ac9c65",
      "0x2de92c6f592b0275",
      "0x4a7484aa6ea6e483",
      "0x5cb0a9dcbd41fbd4",
      "0x76f988da831153b5",
      "0x983e5152ee66dfab",
      "0xa831c66d2db43210",
      "0xb00327c898fb213f",
      "0xbf597fc7beef0ee4",
      "0xc6e00bf33da88fc2",
      "0xd5a79147930aa725",
      "0x06ca6351e003826f",
      "0x142929670a0e6e70",
      "0x27b70a8546d22ffc",
      "0x2e1b21385c26c926",
      "0x4d2c6dfc5ac42aed",
      "0x53380d139d95b3df",
      "0x650a73548baf63de",
      "0x766a0abb3c77b2a8",
      "0x81c2c92e47edaee6",
      "0x92722c851482353b",
      "0xa2bfe8a14cf10364",
      "0xa81a664bbc423001",
      "0xc24b8b70d0f89791",
      "0xc76c51a30654be30",
      "0xd192e819d6ef5218",
      "0xd69906245565a910",
      "0xf40e35855771202a",
      "0x106aa07032bbd1b8",
      "0x19a4c116b8d2d0c8",
      "0x1e376c085141ab53",
      "0x2748774cdf8eeb99",
      "0x34b0bcb5e19b48a8",
      "0x391c0cb3c5c95a63",
      "0x4ed8aa4ae3418acb",
      "0x5b9cca4f7763e373",
      "0x682e6ff3d6b2b8a3",
      "0x748f82ee5defb2fc",
      "0x78a5636f43172f60",
      "0x84c87814a1f0ab72",
      "0x8cc702081a6439ec",
      "0x90befffa23631e28",
      "0xa4506cebde82bde9",
      "0xbef9a3f7b2c67915",
      "0xc67178f2e372532b",
      "0xca273eceea26619c",
      "0xd186b8c721c0c207",
      "0xeada7dd6cde0eb1e",
      "0xf57d4f7fee6ed178",
      "0x06f067aa72176fba",
      "0x0a637dc5a2c898a6",
      "0x113f9804bef90dae",
      "0x1b710b35131c471b",
      "0x28db77f523047d84",
      "0x32caab7b40c72493",
      "0x3c9ebe0a15c9bebc",
      "0x431d67c49c100d4c",
      "0x4cc5d4becb3e42b6",
      "0x597f299cfc657e2a",
      "0x5fcb6fab3ad6faec",
      "0x6c44198c4a475817"
    ].map((n) => BigInt(n))))();
    SHA512_Kh = /* @__PURE__ */ (() => K512[0])();
    SHA512_Kl = /* @__PURE__ */ (() => K512[1])();
    SHA512_W_H = /* @__PURE__ */ new Uint32Array(80);
    SHA512_W_L = /* @__PURE__ */ new Uint32Array(80);
    SHA2_64B = class extends HashMD {
      // We cannot use array here since array allows indexing by variable
      // which means optimizer/compiler cannot use registers.
      // h -- high 32 bits, l -- low 32 bits
      // Numeric initializers matter: starting the fields as `undefined` changes
      // V8's field representation and slows hashing down (measured on sha256).
      Ah = 0;
      Al = 0;
      Bh = 0;
      Bl = 0;
      Ch = 0;
      Cl = 0;
      Dh = 0;
      Dl = 0;
      Eh = 0;
      El = 0;
      Fh = 0;
      Fl = 0;
      Gh = 0;
      Gl = 0;
      Hh = 0;
      Hl = 0;
      constructor(outputLen, IV) {
        super(128, outputLen, 16, false);
        this.Ah = IV[0] | 0;
        this.Al = IV[1] | 0;
        this.Bh = IV[2] | 0;
        this.Bl = IV[3] | 0;
        this.Ch = IV[4] | 0;
        this.Cl = IV[5] | 0;
        this.Dh = IV[6] | 0;
        this.Dl = IV[7] | 0;
        this.Eh = IV[8] | 0;
        this.El = IV[9] | 0;
        this.Fh = IV[10] | 0;
        this.Fl = IV[11] | 0;
        this.Gh = IV[12] | 0;
        this.Gl = IV[13] | 0;
        this.Hh = IV[14] | 0;
        this.Hl = IV[15] | 0;
      }
      // prettier-ignore
      get() {
        const { Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl } = this;
        return [Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl];
      }
      // prettier-ignore
      set(Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl) {
        this.Ah = Ah | 0;
        this.Al = Al | 0;
        this.Bh = Bh | 0;
        this.Bl = Bl | 0;
        this.Ch = Ch | 0;
        this.Cl = Cl | 0;
        this.Dh = Dh | 0;
        this.Dl = Dl | 0;
        this.Eh = Eh | 0;
        this.El = El | 0;
        this.Fh = Fh | 0;
        this.Fl = Fl | 0;
        this.Gh = Gh | 0;
        this.Gl = Gl | 0;
        this.Hh = Hh | 0;
        this.Hl = Hl | 0;
      }
      _cloneInto(to) {
        (to ||= new this.constructor()).set(...this.get());
        return this._cloneIntoMeta(to);
      }
      process(view, offset) {
        for (let i = 0; i < 16; i++, offset += 4) {
          SHA512_W_H[i] = view.getUint32(offset);
          SHA512_W_L[i] = view.getUint32(offset += 4);
        }
        for (let i = 16; i < 80; i++) {
          const W15h = SHA512_W_H[i - 15] | 0;
          const W15l = SHA512_W_L[i - 15] | 0;
          const s0h = rotrSH(W15h, W15l, 1) ^ rotrSH(W15h, W15l, 8) ^ shrSH(W15h, W15l, 7);
          const s0l = rotrSL(W15h, W15l, 1) ^ rotrSL(W15h, W15l, 8) ^ shrSL(W15h, W15l, 7);
          const W2h = SHA512_W_H[i - 2] | 0;
          const W2l = SHA512_W_L[i - 2] | 0;
          const s1h = rotrSH(W2h, W2l, 19) ^ rotrBH(W2h, W2l, 61) ^ shrSH(W2h, W2l, 6);
          const s1l = rotrSL(W2h, W2l, 19) ^ rotrBL(W2h, W2l, 61) ^ shrSL(W2h, W2l, 6);
          const SUMl = add4L(s0l, s1l, SHA512_W_L[i - 7], SHA512_W_L[i - 16]);
          const SUMh = add4H(SUMl, s0h, s1h, SHA512_W_H[i - 7], SHA512_W_H[i - 16]);
          SHA512_W_H[i] = SUMh | 0;
          SHA512_W_L[i] = SUMl | 0;
        }
        let { Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl } = this;
        for (let i = 0; i < 80; i++) {
          const sigma1h = rotrSH(Eh, El, 14) ^ rotrSH(Eh, El, 18) ^ rotrBH(Eh, El, 41);
          const sigma1l = rotrSL(Eh, El, 14) ^ rotrSL(Eh, El, 18) ^ rotrBL(Eh, El, 41);
          const CHIh = Eh & Fh ^ ~Eh & Gh;
          const CHIl = El & Fl ^ ~El & Gl;
          const T1ll = add5L(Hl, sigma1l, CHIl, SHA512_Kl[i], SHA512_W_L[i]);
          const T1h = add5H(T1ll, Hh, sigma1h, CHIh, SHA512_Kh[i], SHA512_W_H[i]);
          const T1l = T1ll | 0;
          const sigma0h = rotrSH(Ah, Al, 28) ^ rotrBH(Ah, Al, 34) ^ rotrBH(Ah, Al, 39);
          const sigma0l = rotrSL(Ah, Al, 28) ^ rotrBL(Ah, Al, 34) ^ rotrBL(Ah, Al, 39);
          const MAJh = Ah & Bh ^ Ah & Ch ^ Bh & Ch;
          const MAJl = Al & Bl ^ Al & Cl ^ Bl & Cl;
          Hh = Gh | 0;
          Hl = Gl | 0;
          Gh = Fh | 0;
          Gl = Fl | 0;
          Fh = Eh | 0;
          Fl = El | 0;
          ({ h: Eh, l: El } = add(Dh | 0, Dl | 0, T1h | 0, T1l | 0));
          Dh = Ch | 0;
          Dl = Cl | 0;
          Ch = Bh | 0;
          Cl = Bl | 0;
          Bh = Ah | 0;
          Bl = Al | 0;
          const All = add3L(T1l, sigma0l, MAJl);
          Ah = add3H(All, T1h, sigma0h, MAJh);
          Al = All | 0;
        }
        ({ h: Ah, l: Al } = add(this.Ah | 0, this.Al | 0, Ah | 0, Al | 0));
        ({ h: Bh, l: Bl } = add(this.Bh | 0, this.Bl | 0, Bh | 0, Bl | 0));
        ({ h: Ch, l: Cl } = add(this.Ch | 0, this.Cl | 0, Ch | 0, Cl | 0));
        ({ h: Dh, l: Dl } = add(this.Dh | 0, this.Dl | 0, Dh | 0, Dl | 0));
        ({ h: Eh, l: El } = add(this.Eh | 0, this.El | 0, Eh | 0, El | 0));
        ({ h: Fh, l: Fl } = add(this.Fh | 0, this.Fl | 0, Fh | 0, Fl | 0));
        ({ h: Gh, l: Gl } = add(this.Gh | 0, this.Gl | 0, Gh | 0, Gl | 0));
        ({ h: Hh, l: Hl } = add(this.Hh | 0, this.Hl | 0, Hh | 0, Hl | 0));
        this.set(Ah, Al, Bh, Bl, Ch, Cl, Dh, Dl, Eh, El, Fh, Fl, Gh, Gl, Hh, Hl);
      }
      roundClean() {
        clean(SHA512_W_H, SHA512_W_L);
      }
      destroy() {
        this.destroyed = true;
        clean(this.buffer);
        this.set(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
      }
    };
    _SHA512 = class extends SHA2_64B {
      constructor() {
        super(64, SHA512_IV);
      }
    };
    sha2562 = /* @__PURE__ */ createHasher(
      () => new _SHA256(),
      /* @__PURE__ */ oidNist(1)
    );
    sha512 = /* @__PURE__ */ createHasher(
      () => new _SHA512(),
      /* @__PURE__ */ oidNist(3)
    );
  }
});

// src/keys/backend-noble.ts
var backend_noble_exports = {};
__export(backend_noble_exports, {
  nobleBackend: () => nobleBackend,
  verifyCofactorless: () => verifyCofactorless
});
function bytesToNumberLE2(bytes2) {
  let n = 0n;
  for (let i = bytes2.length - 1; i >= 0; i--) n = n << 8n | BigInt(bytes2[i]);
  return n;
}
function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
function verifyCofactorless(publicKey, message, signature) {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  const r = signature.subarray(0, 32);
  const s = bytesToNumberLE2(signature.subarray(32, 64));
  if (s >= L) return false;
  let A;
  try {
    A = Point.fromBytes(publicKey, false);
  } catch {
    return false;
  }
  const k = etc.mod(bytesToNumberLE2(sha512(etc.concatBytes(r, publicKey, message))), L);
  const sB = Point.BASE.multiply(s, false);
  const kA = A.multiply(k, false);
  return equalBytes(sB.subtract(kA).toBytes(), r);
}
var L, nobleBackend;
var init_backend_noble = __esm({
  "src/keys/backend-noble.ts"() {
    "use strict";
    init_ed25519();
    init_sha2();
    hashes.sha512 = sha512;
    L = Point.CURVE().n;
    nobleBackend = Object.freeze({
      name: "noble",
      async verify(publicKey, message, signature) {
        return verifyCofactorless(publicKey, message, signature);
      },
      async verifyConcurrent(publicKey, message, signature) {
        return verifyCofactorless(publicKey, message, signature);
      },
      verifySync(publicKey, message, signature) {
        return verifyCofactorless(publicKey, message, signature);
      },
      async sign(seed, message) {
        return sign(message, seed);
      },
      async publicKey(seed) {
        return getPublicKey(seed);
      }
    });
  }
});

// src/keys/platform-web.ts
var platform_web_exports = {};
__export(platform_web_exports, {
  importSeed: () => importSeed,
  platformBackend: () => platformBackend,
  webCryptoBackend: () => webCryptoBackend
});
function buf(bytes2) {
  return bytes2.buffer instanceof ArrayBuffer ? bytes2 : new Uint8Array(bytes2);
}
function base64urlDecode(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - b64.length % 4) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function importSeed(subtle, seed, extractable) {
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + 32);
  pkcs8.set(PKCS8_PREFIX);
  pkcs8.set(seed, PKCS8_PREFIX.length);
  return subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, extractable, ["sign"]);
}
function webCryptoBackend(subtle) {
  const cache3 = /* @__PURE__ */ new Map();
  const publicCryptoKey = (publicKey) => {
    const id = String.fromCharCode(...publicKey);
    let key = cache3.get(id);
    if (key === void 0) {
      key = subtle.importKey("raw", buf(publicKey), { name: "Ed25519" }, false, ["verify"]);
      key.catch(() => cache3.delete(id));
      if (cache3.size >= KEY_CACHE_SIZE) cache3.delete(cache3.keys().next().value);
      cache3.set(id, key);
    }
    return key;
  };
  const verify3 = async (publicKey, message, signature) => {
    try {
      const key = await publicCryptoKey(publicKey);
      return await subtle.verify({ name: "Ed25519" }, key, buf(signature), buf(message));
    } catch {
      return false;
    }
  };
  return Object.freeze({
    name: "webcrypto",
    verify: verify3,
    verifyConcurrent: verify3,
    // Web Crypto is asynchronous already
    async sign(seed, message) {
      const key = await importSeed(subtle, seed, false);
      return new Uint8Array(await subtle.sign({ name: "Ed25519" }, key, buf(message)));
    },
    async publicKey(seed) {
      const key = await importSeed(subtle, seed, true);
      const jwk = await subtle.exportKey("jwk", key);
      if (typeof jwk.x !== "string") throw new Error('Web Crypto exported an Ed25519 JWK without "x"');
      return base64urlDecode(jwk.x);
    }
  });
}
function platformBackend() {
  detected ??= (async () => {
    const subtle = globalThis.crypto?.subtle;
    if (subtle === void 0) return void 0;
    try {
      await subtle.importKey("raw", PROBE_KEY, { name: "Ed25519" }, false, ["verify"]);
      return webCryptoBackend(subtle);
    } catch {
      return void 0;
    }
  })();
  return detected;
}
var PKCS8_PREFIX, KEY_CACHE_SIZE, PROBE_KEY, detected;
var init_platform_web = __esm({
  "src/keys/platform-web.ts"() {
    "use strict";
    PKCS8_PREFIX = /* @__PURE__ */ Uint8Array.of(
      48,
      46,
      2,
      1,
      0,
      48,
      5,
      6,
      3,
      43,
      101,
      112,
      4,
      34,
      4,
      32
    );
    KEY_CACHE_SIZE = 1024;
    PROBE_KEY = /* @__PURE__ */ Uint8Array.of(
      215,
      90,
      152,
      1,
      130,
      177,
      10,
      183,
      213,
      75,
      254,
      211,
      201,
      100,
      7,
      58,
      14,
      225,
      114,
      243,
      218,
      166,
      35,
      37,
      175,
      2,
      26,
      104,
      247,
      7,
      81,
      26
    );
  }
});

// src/keys/ed25519.ts
import { platformBackend as platformBackend2 } from "#ed25519-platform";
function hex(s) {
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}
async function probeBackend(backend) {
  try {
    for (const v of PROBE_VECTORS) {
      const [pk2, msg2, sig2] = [hex(v.pk), hex(v.msg), hex(v.sig)];
      if (await backend.verify(pk2, msg2, sig2) !== v.valid) return false;
      if (await backend.verifyConcurrent(pk2, msg2, sig2) !== v.valid) return false;
      if (backend.verifySync !== void 0 && backend.verifySync(pk2, msg2, sig2) !== v.valid) return false;
    }
    return true;
  } catch {
    return false;
  }
}
async function loadNoble() {
  return (await Promise.resolve().then(() => (init_backend_noble(), backend_noble_exports))).nobleBackend;
}
async function loadBackend(name) {
  switch (name) {
    case "noble":
      return loadNoble();
    case "webcrypto": {
      const backend = await (await Promise.resolve().then(() => (init_platform_web(), platform_web_exports))).platformBackend();
      if (backend === void 0) throw new Error("counterfoil: this runtime has no Web Crypto Ed25519");
      return backend;
    }
    case "node": {
      const backend = await platformBackend2();
      if (backend === void 0 || backend.name !== "node") throw new Error("counterfoil: the node:crypto backend is only available in Node");
      return backend;
    }
    case "auto": {
      const backend = await platformBackend2();
      if (backend !== void 0 && await probeBackend(backend)) return backend;
      return loadNoble();
    }
    default:
      throw new TypeError(`"name" expected 'node' | 'webcrypto' | 'noble' | 'auto', got ${String(name)}`);
  }
}
async function selectBackend(name = "auto") {
  const backend = await loadBackend(name);
  active = Promise.resolve(backend);
  resolved = backend;
  return backend;
}
function activeBackend() {
  if (active === void 0) {
    const selecting = loadBackend("auto");
    active = selecting;
    selecting.then(
      (backend) => {
        if (active === selecting) resolved = backend;
      },
      () => {
        if (active === selecting) active = void 0;
      }
    );
  }
  return active;
}
function assertVerifyArgs(publicKey, message, signature) {
  assertBytesArg(publicKey, "publicKey");
  assertBytesArg(message, "message");
  assertBytesArg(signature, "signature");
}
async function verifyEd25519(publicKey, message, signature) {
  assertVerifyArgs(publicKey, message, signature);
  if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) return false;
  try {
    return await (resolved ?? await activeBackend()).verify(publicKey, message, signature) === true;
  } catch {
    return false;
  }
}
function verifyEd25519Now(publicKey, message, signature) {
  const backend = resolved;
  if (backend?.verifySync === void 0) return void 0;
  if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) return false;
  try {
    return backend.verifySync(publicKey, message, signature) === true;
  } catch {
    return false;
  }
}
async function concurrentVerifier() {
  const backend = resolved ?? await activeBackend();
  const withCallback = backend.verifyCallback?.bind(backend);
  return (publicKey, message, signature, done) => {
    if (!isWellFormedPublicKey(publicKey) || !isWellFormedSignature(signature)) queueMicrotask(() => done(false));
    else if (withCallback !== void 0) withCallback(publicKey, message, signature, done);
    else void backend.verifyConcurrent(publicKey, message, signature).then(done);
  };
}
async function signEd25519(seed, message) {
  assertBytesArg(seed, "seed", SEED_LENGTH);
  assertBytesArg(message, "message");
  return (await activeBackend()).sign(seed, message);
}
async function publicKeyFromSeed(seed) {
  assertBytesArg(seed, "seed", SEED_LENGTH);
  return (await activeBackend()).publicKey(seed);
}
var PROBE_VECTORS, active, resolved;
var init_ed255192 = __esm({
  "src/keys/ed25519.ts"() {
    "use strict";
    init_strict();
    PROBE_VECTORS = [
      {
        // case 3: mixed-order A and R, valid under both equations: must be accepted
        msg: "9bd9f44f4dcc75bd531b56b2cd280b0bb38fc1cd6d1230e14861d861de092e79",
        pk: "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        sig: "9046a64750444938de19f227bb80485e92b83fdb4b6506c160484c016cc1852f87909e14428a7a1d62e9f22f3d3ad7802db02eb2e688b6c52fcd6648a98bd009",
        valid: true
      },
      {
        // case 4: passes only the cofactored equation: must be rejected
        msg: "e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
        pk: "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        sig: "160a1cb0dc9c0258cd0a7d23e94d8fa878bcb1925f2c64246b2dee1796bed5125ec6bc982a269b723e0668e540911a9a6a58921d6925e434ab10aa7940551a09",
        valid: false
      },
      {
        // case 5: passes only the cofactored equation with a pre-reduced scalar: must be rejected
        msg: "e47d62c63f830dc7a6851a0b1f33ae4bb2f507fb6cffec4011eaccd55b53f56c",
        pk: "cdb267ce40c5cd45306fa5d2f29731459387dbf9eb933b7bd5aed9a765b88d4d",
        sig: "21122a84e0b5fca4052f5b1235c80a537878b38f3142356b2c2384ebad4668b7e40bc836dac0f71076f9abe3a53f9c03c1ceeeddb658d0030494ace586687405",
        valid: false
      }
    ];
  }
});

// src/codec/domain.ts
function domainSeparated(tag, body) {
  return concat([utf8(tag), new Uint8Array([0]), body]);
}
var DOMAIN;
var init_domain = __esm({
  "src/codec/domain.ts"() {
    "use strict";
    init_bytes2();
    DOMAIN = {
      record: "counterfoil/v1/record",
      commitment: "counterfoil/v1/commitment",
      status: "counterfoil/v1/status",
      statement: "counterfoil/v1/statement",
      snapshot: "counterfoil/v1/snapshot",
      bucket: "counterfoil/v1/bucket",
      presentation: "counterfoil/v1/presentation",
      submission: "counterfoil/v1/submission",
      revocationSeed: "counterfoil/v1/revocation-seed",
      succession: "counterfoil/v1/succession",
      disclosure: "counterfoil/v1/disclosure",
      disclosureValue: "counterfoil/v1/disclosure-value",
      relationshipKey: "counterfoil/v1/relationship-key"
    };
  }
});

// src/codec/multibase.ts
import { fastFromBase64url } from "#base64-platform";
function toBase64url(bytes2) {
  const a = ALPHABET;
  const parts = ["u"];
  let out = "";
  const whole = bytes2.length - bytes2.length % 3;
  let i = 0;
  for (; i < whole; i += 3) {
    const n = bytes2[i] << 16 | bytes2[i + 1] << 8 | bytes2[i + 2];
    out += a[n >> 18] + a[n >> 12 & 63] + a[n >> 6 & 63] + a[n & 63];
    if (out.length >= 4096) {
      parts.push(out);
      out = "";
    }
  }
  const rest = bytes2.length - i;
  if (rest === 1) {
    const n = bytes2[i];
    out += a[n >> 2] + a[(n & 3) << 4];
  } else if (rest === 2) {
    const n = bytes2[i] << 8 | bytes2[i + 1];
    out += a[n >> 10] + a[n >> 4 & 63] + a[(n & 15) << 2];
  }
  parts.push(out);
  return parts.join("");
}
function malformed(message) {
  return new CounterfoilError("ERR_MALFORMED", message);
}
function fromBase64url(text2) {
  const fast = typeof text2 === "string" && text2.charCodeAt(0) === 117 ? fastFromBase64url?.(text2) : void 0;
  return fast ?? fromBase64urlByTable(text2);
}
function fromBase64urlByTable(text2) {
  if (typeof text2 !== "string") throw new TypeError(`"text" expected string, got ${typeof text2}`);
  if (text2.charCodeAt(0) !== 117) throw malformed('expected multibase base64url text starting with "u"');
  const chars = text2.length - 1;
  const tail = chars & 3;
  if (tail === 1) throw malformed("invalid base64url text: wrong length");
  const need = text2.length * 3;
  const s = need <= scratch.length ? scratch : need <= MAX_SCRATCH ? scratch = new Uint8Array(need) : new Uint8Array(need);
  if (textEncoder2.encodeInto(text2, s).written !== text2.length) throw badCharacter();
  const out = new Uint8Array((chars >> 2) * 3 + (tail === 0 ? 0 : tail - 1));
  const v = VALUES;
  let o = 0;
  let p = 1;
  const whole = 1 + chars - tail;
  let bad = 0;
  for (; p < whole; p += 4) {
    const a = v[s[p]];
    const b = v[s[p + 1]];
    const c = v[s[p + 2]];
    const d = v[s[p + 3]];
    bad |= a | b | c | d;
    const n = a << 18 | b << 12 | c << 6 | d;
    out[o++] = n >> 16;
    out[o++] = n >> 8 & 255;
    out[o++] = n & 255;
  }
  if (tail > 0) {
    let n = 0;
    for (let k = 0; k < tail; k++) {
      const x = v[s[p + k]];
      bad |= x;
      n = n << 6 | x & 63;
    }
    if (bad >= 0) {
      if (tail === 2) {
        if ((n & 15) !== 0) throw malformed("base64url text is not canonical: non-zero unused bits");
        out[o] = n >> 4;
      } else {
        if ((n & 3) !== 0) throw malformed("base64url text is not canonical: non-zero unused bits");
        out[o] = n >> 10;
        out[o + 1] = n >> 2 & 255;
      }
    }
  }
  if (bad < 0) throw badCharacter();
  return out;
}
function badCharacter() {
  return malformed("invalid base64url text: a character outside A\u2013Z a\u2013z 0\u20139 - _ (no padding, no white space)");
}
var ALPHABET, VALUES, textEncoder2, scratch, MAX_SCRATCH;
var init_multibase = __esm({
  "src/codec/multibase.ts"() {
    "use strict";
    init_errors();
    ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    VALUES = /* @__PURE__ */ (() => {
      const table = new Int8Array(256).fill(-1);
      for (let i = 0; i < 64; i++) table[ALPHABET.charCodeAt(i)] = i;
      return table;
    })();
    textEncoder2 = /* @__PURE__ */ new TextEncoder();
    scratch = new Uint8Array(1024);
    MAX_SCRATCH = 64 * 1024;
  }
});

// src/keys/did.ts
function encodeEd25519Multibase(publicKey) {
  const bytes2 = new Uint8Array(34);
  bytes2.set(ED25519_PUB_MULTICODEC);
  bytes2.set(publicKey, 2);
  return base58btc.encode(bytes2);
}
function decodeEd25519Multibase(text2) {
  if (text2.length !== ED25519_DID_KEY_LENGTH - DID_KEY_PREFIX.length) return `expected 48 characters, got ${text2.length}`;
  if (text2[0] !== "z") return 'expected base58btc multibase (prefix "z")';
  let bytes2;
  try {
    bytes2 = base58btc.decode(text2);
  } catch {
    return "not valid base58btc";
  }
  if (bytes2.length !== 34) return `expected 34 bytes (0xed01 + 32-byte key), got ${bytes2.length}`;
  if (bytes2[0] !== 237 || bytes2[1] !== 1) return "not an Ed25519 public key (multicodec 0xed, varint ed01)";
  const publicKey = bytes2.slice(2);
  if (encodeEd25519Multibase(publicKey) !== text2) return "non-canonical base58btc";
  return publicKey;
}
function didFromPublicKey(publicKey) {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) {
    checkPublicKey(publicKey);
  }
  const did2 = DID_KEY_PREFIX + encodeEd25519Multibase(publicKey);
  if (cache2.has(did2)) return did2;
  checkPublicKey(publicKey);
  remember(did2, publicKey);
  return did2;
}
function publicKeyFromDid(did2) {
  return sharedPublicKeyFromDid(did2).slice();
}
function sharedPublicKeyFromDid(did2) {
  if (typeof did2 !== "string") throw new TypeError(`"did" expected string, got type=${typeof did2}`);
  const hit = cache2.get(did2);
  if (hit !== void 0) return hit;
  if (!did2.startsWith(DID_KEY_PREFIX)) throw invalid(did2, "expected a did:key");
  if (did2.length !== ED25519_DID_KEY_LENGTH) {
    throw invalid(did2, `an Ed25519 did:key has ${ED25519_DID_KEY_LENGTH} characters, got ${did2.length}`);
  }
  const decoded2 = decodeEd25519Multibase(did2.slice(DID_KEY_PREFIX.length));
  if (typeof decoded2 === "string") throw invalid(did2, decoded2);
  try {
    checkPublicKey(decoded2);
  } catch (cause) {
    throw new CounterfoilError("ERR_INVALID_DID", `invalid did:key ${show(did2)}: not a valid Ed25519 public key`, { cause });
  }
  remember(did2, decoded2);
  return cache2.get(did2) ?? decoded2;
}
function remember(did2, publicKey) {
  if (cache2.has(did2)) return;
  if (cache2.size >= CACHE_SIZE) cache2.delete(cache2.keys().next().value);
  cache2.set(did2, publicKey.slice());
}
function show(did2) {
  return JSON.stringify(did2.length > 80 ? `${did2.slice(0, 80)}\u2026` : did2);
}
function invalid(did2, reason) {
  return new CounterfoilError("ERR_INVALID_DID", `invalid did:key ${show(did2)}: ${reason}`);
}
var DID_KEY_PREFIX, ED25519_PUB_MULTICODEC, ED25519_DID_KEY_LENGTH, CACHE_SIZE, cache2;
var init_did = __esm({
  "src/keys/did.ts"() {
    "use strict";
    init_base58();
    init_errors();
    init_strict();
    DID_KEY_PREFIX = "did:key:";
    ED25519_PUB_MULTICODEC = /* @__PURE__ */ Uint8Array.of(237, 1);
    ED25519_DID_KEY_LENGTH = 56;
    CACHE_SIZE = 4096;
    cache2 = /* @__PURE__ */ new Map();
  }
});

// src/record/digest-list.ts
function compareBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
function parseDigestList(value) {
  const bad = (why) => new CounterfoilError("ERR_MALFORMED", `record payload: "sd" ${why}`);
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_DIGESTS) throw bad(`must be an array of 1 to ${MAX_DIGESTS} digests`);
  const list = value;
  list.forEach((d, i) => {
    if (!(d instanceof Uint8Array) || d.length !== 32) throw bad("entries must be 32 bytes");
    if (i > 0 && compareBytes(list[i - 1], d) >= 0) throw bad("must be sorted and without duplicates");
  });
  return list;
}
var MAX_DIGESTS;
var init_digest_list = __esm({
  "src/record/digest-list.ts"() {
    "use strict";
    init_errors();
    MAX_DIGESTS = 1024;
  }
});

// src/record/payload.ts
function malformed2(message) {
  return new CounterfoilError("ERR_MALFORMED", `record payload: ${message}`);
}
function isPlainMap(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && Object.getPrototypeOf(value) === Object.prototype;
}
function time(value, name) {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value > MAX_TIME) {
    throw malformed2(`"${name}" must be integer seconds from 0 to ${MAX_TIME} (year 9999)`);
  }
  return value;
}
function did(value, name) {
  if (typeof value !== "string") throw malformed2(`"${name}" must be a did:key string`);
  sharedPublicKeyFromDid(value);
  return value;
}
function checkRegistryOrigin(value) {
  if (typeof value !== "string") throw malformed2('"reg" must be a URL origin string');
  let url;
  try {
    url = new URL(value);
  } catch {
    throw malformed2(`"reg" is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.origin !== value || url.protocol !== "https:" && url.protocol !== "http:") {
    throw malformed2(`"reg" must be a bare http(s) origin like https://registry.example, got ${JSON.stringify(value)}`);
  }
  return value;
}
function revocationKeys(value) {
  if (!isPlainMap(value)) throw malformed2('"rev" must be a map');
  for (const key of Object.keys(value)) {
    if (key !== "issuer" && key !== "holder") throw malformed2(`"rev" has unknown field "${key}"`);
  }
  const check = (k, name) => {
    if (!(k instanceof Uint8Array) || k.length !== 32) throw malformed2(`"rev.${name}" must be 32 bytes`);
    checkPublicKey(k);
    return k;
  };
  const issuer = check(value.issuer, "issuer");
  return value.holder === void 0 ? { issuer } : { issuer, holder: check(value.holder, "holder") };
}
function parsePayload(value) {
  if (!isPlainMap(value)) throw malformed2("must be a map");
  if (value.v !== RECORD_VERSION) {
    throw new CounterfoilError("ERR_UNSUPPORTED_VERSION", `record version ${JSON.stringify(value.v ?? null)} is not supported (expected ${RECORD_VERSION})`);
  }
  for (const key of Object.keys(value)) {
    if (!KNOWN_FIELDS.has(key)) throw malformed2(`unknown field "${key}"`);
  }
  if (typeof value.type !== "string" || !TYPE_PATTERN.test(value.type)) {
    throw malformed2('"type" must be 1-128 characters of [A-Za-z0-9._:/-] starting with a letter or digit');
  }
  const payload = {
    v: RECORD_VERSION,
    type: value.type,
    iss: did(value.iss, "iss"),
    sub: did(value.sub, "sub"),
    iat: time(value.iat, "iat"),
    claims: value.claims ?? null,
    salt: value.salt
  };
  if (!("claims" in value)) throw malformed2('"claims" is required');
  if (!(value.salt instanceof Uint8Array) || value.salt.length !== SALT_LENGTH) {
    throw malformed2(`"salt" must be ${SALT_LENGTH} bytes`);
  }
  if (value.nbf !== void 0) payload.nbf = time(value.nbf, "nbf");
  if (value.exp !== void 0) payload.exp = time(value.exp, "exp");
  if (payload.exp !== void 0 && payload.exp <= Math.max(payload.iat, payload.nbf ?? 0)) {
    throw malformed2('"exp" must be later than both "iat" and "nbf"');
  }
  if (value.reg !== void 0) payload.reg = checkRegistryOrigin(value.reg);
  if (value.rev !== void 0) payload.rev = revocationKeys(value.rev);
  if (value.sd !== void 0) {
    if (!isPlainMap(payload.claims)) throw malformed2('"claims" must be a map when "sd" is present');
    payload.sd = parseDigestList(value.sd);
  }
  return payload;
}
var RECORD_VERSION, SALT_LENGTH, KNOWN_FIELDS, TYPE_PATTERN, MAX_TIME;
var init_payload = __esm({
  "src/record/payload.ts"() {
    "use strict";
    init_errors();
    init_did();
    init_strict();
    init_digest_list();
    RECORD_VERSION = 1;
    SALT_LENGTH = 32;
    KNOWN_FIELDS = /* @__PURE__ */ new Set(["v", "type", "iss", "sub", "iat", "nbf", "exp", "claims", "salt", "reg", "rev", "sd"]);
    TYPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/;
    MAX_TIME = 253402300799;
  }
});

// src/record/envelope.ts
function isGenuineRecord(record) {
  return sealed(record);
}
function signingInput(cid) {
  const bytes2 = cid instanceof Uint8Array ? cid : cid.bytes;
  const out = new Uint8Array(RECORD_PREFIX.length + bytes2.length);
  out.set(RECORD_PREFIX);
  out.set(bytes2, RECORD_PREFIX.length);
  return out;
}
function malformed3(message) {
  return new CounterfoilError("ERR_MALFORMED", `signed record: ${message}`);
}
function parseSignatures(value, payload) {
  if (!Array.isArray(value) || value.length === 0) throw malformed3('"signatures" must be a non-empty array');
  if (value.length > MAX_SIGNATURES) throw malformed3(`more than ${MAX_SIGNATURES} signatures`);
  const out = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const entry = value[i];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry) || entry instanceof Uint8Array) {
      throw malformed3("each signature must be a map");
    }
    const { signer, signature, ...rest } = entry;
    if (Object.keys(rest).length > 0) throw malformed3(`unknown signature field "${Object.keys(rest)[0]}"`);
    if (typeof signer !== "string") throw malformed3('"signer" must be a did:key string');
    sharedPublicKeyFromDid(signer);
    if (!(signature instanceof Uint8Array) || signature.length !== 64) throw malformed3('"signature" must be 64 bytes');
    for (let j = 0; j < i; j++) if (out[j].signer === signer) throw malformed3(`signer ${signer} appears twice`);
    out[i] = { signer, signature };
  }
  if (out[0].signer !== payload.iss) throw malformed3("the first signature must be the issuer's");
  return out;
}
function matches(bytes2, at, expected) {
  if (at + expected.length > bytes2.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes2[at + i] !== expected[i]) return false;
  return true;
}
function oneSignerEnvelope(bytes2) {
  if (!matches(bytes2, 0, ENVELOPE_HEAD)) return void 0;
  let at = ENVELOPE_HEAD.length;
  const head = bytes2[at++];
  let length2;
  if (head === void 0 || head >> 5 !== 2) return void 0;
  const ai = head & 31;
  if (ai < 24) length2 = ai;
  else if (ai === 24 && at + 1 <= bytes2.length && bytes2[at] >= 24) length2 = bytes2[at++];
  else if (ai === 25 && at + 2 <= bytes2.length && bytes2[at] !== 0) length2 = bytes2[at++] << 8 | bytes2[at++];
  else return void 0;
  const payloadBytes = bytes2.subarray(at, at + length2);
  at += length2;
  if (!matches(bytes2, at, ONE_SIGNER_HEAD)) return void 0;
  at += ONE_SIGNER_HEAD.length;
  if (at + DID_LENGTH > bytes2.length) return void 0;
  const signer = asciiText(bytes2, at, DID_LENGTH);
  if (signer === void 0) return void 0;
  at += DID_LENGTH;
  if (!matches(bytes2, at, SIGNATURE_HEAD)) return void 0;
  at += SIGNATURE_HEAD.length;
  if (at + 64 !== bytes2.length) return void 0;
  return { payloadBytes, signer, signature: bytes2.subarray(at, at + 64) };
}
function assembleRecord(payloadBytes, payload, signatures) {
  const bytes2 = encodeCbor({
    payload: payloadBytes,
    signatures: signatures.map((s) => ({ signer: s.signer, signature: s.signature }))
  });
  return new SignedRecord(cidBytesOf(payloadBytes), bytes2, payloadBytes, payload, signatures, void 0, SEAL);
}
function decodeRecord(input, options = {}) {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let bytes2;
  let text2;
  if (typeof input === "string") {
    text2 = input.trim();
    if (text2.length > Math.ceil(maxBytes * 4 / 3) + 1) {
      throw new CounterfoilError("ERR_TOO_LARGE", `signed record text is longer than ${maxBytes} bytes allow`);
    }
    bytes2 = fromBase64url(text2);
  } else if (input instanceof Uint8Array) {
    bytes2 = input;
  } else {
    throw new TypeError(`"input" expected Uint8Array or string, got ${input === null ? "null" : typeof input}`);
  }
  if (bytes2.length > maxBytes) throw new CounterfoilError("ERR_TOO_LARGE", `signed record is ${bytes2.length} bytes, more than ${maxBytes}`);
  if (bytes2 === input) bytes2 = bytes2.slice();
  const oneSigner = oneSignerEnvelope(bytes2);
  if (oneSigner !== void 0) {
    const { payloadBytes: payloadBytes2, signer, signature } = oneSigner;
    const payload2 = parsePayload(decodeDagCbor(payloadBytes2, DEFAULT_MAX_DEPTH, false));
    sharedPublicKeyFromDid(signer);
    if (signer !== payload2.iss) throw malformed3("the first signature must be the issuer's");
    return new SignedRecord(cidBytesOf(payloadBytes2), bytes2, payloadBytes2, payload2, [{ signer, signature }], text2, SEAL);
  }
  const envelope = decodeDagCbor(bytes2, DEFAULT_MAX_DEPTH, false);
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope) || envelope instanceof Uint8Array) {
    throw malformed3("must be a map");
  }
  const { payload: payloadBytes, signatures, ...rest } = envelope;
  if (Object.keys(rest).length > 0) throw malformed3(`unknown field "${Object.keys(rest)[0]}"`);
  if (!(payloadBytes instanceof Uint8Array)) throw malformed3('"payload" must be bytes');
  const payload = parsePayload(decodeDagCbor(payloadBytes, DEFAULT_MAX_DEPTH, false));
  const parsed = parseSignatures(signatures, payload);
  return new SignedRecord(cidBytesOf(payloadBytes), bytes2, payloadBytes, payload, parsed, text2, SEAL);
}
var DEFAULT_MAX_RECORD_BYTES, MAX_SIGNATURES, SEAL, sealed, SignedRecord, RECORD_PREFIX, ascii, ENVELOPE_HEAD, ONE_SIGNER_HEAD, SIGNATURE_HEAD, DID_LENGTH;
var init_envelope = __esm({
  "src/record/envelope.ts"() {
    "use strict";
    init_cid();
    init_cid2();
    init_dag_cbor_decode();
    init_dag_cbor();
    init_domain();
    init_multibase();
    init_errors();
    init_did();
    init_payload();
    DEFAULT_MAX_RECORD_BYTES = 256 * 1024;
    MAX_SIGNATURES = 16;
    SEAL = /* @__PURE__ */ Symbol("counterfoil.record");
    SignedRecord = class {
      /** The envelope's canonical DAG-CBOR bytes. */
      bytes;
      /** The payload's canonical DAG-CBOR bytes (what the id hashes). */
      payloadBytes;
      /** The decoded payload fields. */
      payload;
      /** Every signature, issuer's first. */
      signatures;
      /** The binary record id (36 bytes, what {@link signingInput} binds); `cid` and `id` are built from it on first use. */
      cidBytes;
      #cid;
      #id;
      #text;
      #sealed;
      static {
        sealed = (record) => #sealed in record && record.#sealed;
      }
      /** @internal use {@link decodeRecord} or `issue` */
      constructor(cidBytes, bytes2, payloadBytes, payload, signatures, text2, seal) {
        this.cidBytes = cidBytes;
        this.bytes = bytes2;
        this.payloadBytes = payloadBytes;
        this.payload = payload;
        this.signatures = signatures;
        this.#text = text2;
        this.#sealed = seal === SEAL;
      }
      /** Record id: CIDv1 (dag-cbor, sha2-256) of the payload bytes, base32 text (`bafy…`). */
      get id() {
        return this.#id ??= cidText(this.cidBytes);
      }
      /** The record id as a CID. */
      get cid() {
        return this.#cid ??= CID.decode(this.cidBytes);
      }
      /** The text form: multibase base64url of {@link bytes} (`u…`), safe in URLs, QR codes and e-mail. */
      toString() {
        return this.#text ??= toBase64url(this.bytes);
      }
      /** JSON form is the text form, so records embed in JSON without surprises. */
      toJSON() {
        return this.toString();
      }
    };
    RECORD_PREFIX = /* @__PURE__ */ domainSeparated(DOMAIN.record, new Uint8Array(0));
    ascii = (text2) => Array.from(text2, (c) => c.charCodeAt(0));
    ENVELOPE_HEAD = /* @__PURE__ */ Uint8Array.of(162, 103, ...ascii("payload"));
    ONE_SIGNER_HEAD = /* @__PURE__ */ Uint8Array.of(106, ...ascii("signatures"), 129, 162, 102, ...ascii("signer"), 120, 56);
    SIGNATURE_HEAD = /* @__PURE__ */ Uint8Array.of(105, ...ascii("signature"), 88, 64);
    DID_LENGTH = 56;
  }
});

// src/record/claim-path.ts
function parsePathPattern(text2) {
  if (typeof text2 !== "string" || text2.length === 0) throw new TypeError(`claim path expected a non-empty string, got ${JSON.stringify(text2)}`);
  const steps = [];
  for (const segment of text2.split(".")) {
    const m = SEGMENT.exec(segment);
    if (m === null) throw new TypeError(`claim path ${JSON.stringify(text2)}: bad segment ${JSON.stringify(segment)} (write key, key[] or key[3])`);
    steps.push({ key: m[1] });
    for (const bracket of m[2].match(/\[\d*\]/g) ?? []) {
      const digits = bracket.slice(1, -1);
      steps.push(digits === "" ? { each: true } : { index: Number(digits) });
    }
  }
  if (!("key" in steps[steps.length - 1])) throw new TypeError(`claim path ${JSON.stringify(text2)} must end in a map key, not an array element`);
  if (steps.length > MAX_PATH_STEPS) throw new TypeError(`claim path ${JSON.stringify(text2)} has more than ${MAX_PATH_STEPS} steps`);
  return { text: text2, wildcard: steps.some((s) => "each" in s), steps };
}
function formatClaimPath(path) {
  let out = "";
  for (const step of path) out += typeof step === "number" ? `[${step}]` : out === "" ? step : `.${step}`;
  return out;
}
function isClaimMap(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && Object.getPrototypeOf(value) === Object.prototype;
}
function expandPattern(claims, pattern) {
  let frontier = [{ path: [], value: claims }];
  for (const step of pattern.steps) {
    const next = [];
    for (const { path, value } of frontier) {
      if ("key" in step) {
        if (isClaimMap(value) && Object.hasOwn(value, step.key)) next.push({ path: [...path, step.key], value: value[step.key] });
      } else if (Array.isArray(value)) {
        const items = value;
        if ("index" in step) {
          if (step.index < items.length) next.push({ path: [...path, step.index], value: items[step.index] });
        } else {
          items.forEach((item, i) => next.push({ path: [...path, i], value: item }));
        }
      }
    }
    frontier = next;
  }
  return frontier.map((f) => f.path);
}
function asClaimPath(value) {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_PATH_STEPS) return void 0;
  const steps = value;
  const ok = steps.every((s) => typeof s === "string" || typeof s === "number" && Number.isSafeInteger(s) && s >= 0);
  if (!ok || typeof steps[0] !== "string" || typeof steps[steps.length - 1] !== "string") return void 0;
  return steps;
}
var MAX_PATH_STEPS, SEGMENT;
var init_claim_path = __esm({
  "src/record/claim-path.ts"() {
    "use strict";
    MAX_PATH_STEPS = 32;
    SEGMENT = /^([^.[\]]+)((?:\[\d*\])*)$/;
  }
});

// src/record/disclosure.ts
function valueDigest(salt, value) {
  return sha2562(domainSeparated(DOMAIN.disclosureValue, encodeCbor([salt, value])));
}
function disclosureDigest(recordSalt, path, inner) {
  return sha2562(domainSeparated(DOMAIN.disclosure, encodeCbor([recordSalt, path, inner])));
}
function cloneClaims(value) {
  if (Array.isArray(value)) return value.map(cloneClaims);
  if (isClaimMap(value)) {
    const out = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, cloneClaims(v));
    return out;
  }
  return value;
}
function setOwn(map, key, value) {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
function childOf(value, step) {
  if (typeof step === "number") return Array.isArray(value) ? value[step] : void 0;
  return isClaimMap(value) && Object.hasOwn(value, step) ? value[step] : void 0;
}
function parentOf(claims, path) {
  let here = claims;
  for (const step of path.slice(0, -1)) {
    here = here === void 0 ? void 0 : childOf(here, step);
  }
  return here !== void 0 && isClaimMap(here) ? here : void 0;
}
function defaultDecoys(count) {
  let total = 4;
  while (total <= count) total *= 2;
  return total - count;
}
function redactClaims(claims, patterns, recordSalt, decoys) {
  if (!Array.isArray(patterns) || patterns.length === 0) throw new TypeError('"disclosable" expected a non-empty array of claim paths');
  if (!isClaimMap(claims)) throw new TypeError('"claims" must be a map to have disclosable claims');
  const copy = cloneClaims(claims);
  const byText = /* @__PURE__ */ new Map();
  for (const text2 of patterns) {
    const pattern = parsePathPattern(text2);
    const found = expandPattern(copy, pattern);
    if (found.length === 0 && !pattern.wildcard) throw new RangeError(`"disclosable" path ${JSON.stringify(text2)} matches no claim`);
    for (const path of found) byText.set(JSON.stringify(path), path);
  }
  const paths = [...byText.values()].sort((a, b) => b.length - a.length);
  const decoyCount = decoys ?? defaultDecoys(paths.length);
  if (!Number.isSafeInteger(decoyCount) || decoyCount < 0) throw new RangeError(`"decoys" expected a non-negative integer, got ${decoyCount}`);
  if (paths.length + decoyCount > MAX_DIGESTS) throw new RangeError(`at most ${MAX_DIGESTS} disclosable claims and decoys, got ${paths.length + decoyCount}`);
  if (paths.length === 0) throw new RangeError('"disclosable" matched no claim');
  const disclosures = [];
  const digests = [];
  for (const path of paths) {
    const parent = parentOf(copy, path);
    const key = path[path.length - 1];
    const value = parent[key];
    delete parent[key];
    const salt = crypto.getRandomValues(new Uint8Array(DISCLOSURE_SALT_LENGTH));
    disclosures.push({ salt, path, value });
    digests.push(disclosureDigest(recordSalt, path, valueDigest(salt, value)));
  }
  for (let i = 0; i < decoyCount; i++) digests.push(crypto.getRandomValues(new Uint8Array(32)));
  digests.sort(compareBytes);
  return { claims: copy, digests, disclosures: disclosures.sort((a, b) => a.path.length - b.path.length) };
}
function parseDisclosure(value) {
  if (!Array.isArray(value) || value.length !== 3) throw invalid2("a disclosure must be [salt, path, value]");
  const [salt, rawPath, claim] = value;
  if (!(salt instanceof Uint8Array) || salt.length < DISCLOSURE_SALT_LENGTH || salt.length > MAX_DISCLOSURE_SALT_LENGTH) {
    throw invalid2(`a disclosure salt must be ${DISCLOSURE_SALT_LENGTH} to ${MAX_DISCLOSURE_SALT_LENGTH} bytes`);
  }
  const path = asClaimPath(rawPath);
  if (path === void 0) throw invalid2("a disclosure path must be 1-32 keys and indices, starting and ending with a key");
  return { salt, path, value: claim };
}
function parseWithheld(value) {
  if (!Array.isArray(value) || value.length !== 2) throw invalid2("a withheld claim must be [path, valueDigest]");
  const path = asClaimPath(value[0]);
  if (path === void 0) throw invalid2("a withheld claim path must be 1-32 keys and indices, starting and ending with a key");
  const digest = value[1];
  if (!(digest instanceof Uint8Array) || digest.length !== 32) throw invalid2("a withheld value digest must be 32 bytes");
  return { path, valueDigest: digest };
}
function invalid2(message) {
  return new CounterfoilError("ERR_DISCLOSURE_INVALID", message);
}
function applyDisclosures(payload, disclosures, withheld = []) {
  const sd = payload.sd ?? [];
  if (sd.length === 0 && (disclosures.length > 0 || withheld.length > 0)) {
    throw new CounterfoilError("ERR_DISCLOSURE_NOT_IN_RECORD", "the record has no disclosable claims, yet disclosures were shown");
  }
  const unused = new Set(sd.map(toHex));
  const claim = (digest, path, what) => {
    const hex2 = toHex(digest);
    if (!unused.has(hex2)) {
      throw new CounterfoilError(
        "ERR_DISCLOSURE_NOT_IN_RECORD",
        `${what} for ${formatClaimPath(path)} matches no digest of this record: altered, repeated, or from another record`
      );
    }
    unused.delete(hex2);
  };
  const claims = cloneClaims(payload.claims);
  const ordered = [...disclosures].sort((a, b) => a.path.length - b.path.length);
  for (const d of ordered) {
    claim(disclosureDigest(payload.salt, d.path, valueDigest(d.salt, d.value)), d.path, "the disclosure");
    const parent = parentOf(claims, d.path);
    const key = d.path[d.path.length - 1];
    if (parent === void 0) throw invalid2(`the disclosure for ${formatClaimPath(d.path)} has no place in the claims (disclose its parent too)`);
    if (Object.hasOwn(parent, key)) throw invalid2(`the disclosure for ${formatClaimPath(d.path)} would overwrite a claim`);
    setOwn(parent, key, cloneClaims(d.value));
  }
  for (const w of withheld) claim(disclosureDigest(payload.salt, w.path, w.valueDigest), w.path, "the withheld claim");
  return {
    claims,
    disclosed: ordered.map((d) => formatClaimPath(d.path)),
    withheld: withheld.map((w) => formatClaimPath(w.path)),
    undisclosed: unused.size
  };
}
var DISCLOSURE_SALT_LENGTH, MAX_DISCLOSURE_SALT_LENGTH;
var init_disclosure = __esm({
  "src/record/disclosure.ts"() {
    "use strict";
    init_sha2();
    init_bytes2();
    init_dag_cbor();
    init_domain();
    init_errors();
    init_digest_list();
    init_claim_path();
    DISCLOSURE_SALT_LENGTH = 16;
    MAX_DISCLOSURE_SALT_LENGTH = 64;
  }
});

// src/record/disclosed-form.ts
function looksDisclosed(input) {
  if (typeof input === "string") {
    const text2 = input.trimStart();
    return DISCLOSED_TEXT_PREFIXES.some((p) => text2.startsWith(p));
  }
  return input.length > 8 && (input[0] === 162 || input[0] === 163) && MARKER.every((b, i) => input[i + 1] === b);
}
var MARKER, DISCLOSED_TEXT_PREFIXES;
var init_disclosed_form = __esm({
  "src/record/disclosed-form.ts"() {
    "use strict";
    MARKER = [102, 114, 101, 99, 111, 114, 100];
    DISCLOSED_TEXT_PREFIXES = ["uomZyZWNv", "uo2ZyZWNv"];
  }
});

// src/record/disclosed-record.ts
function malformed4(message) {
  return new CounterfoilError("ERR_MALFORMED", `disclosed record: ${message}`);
}
function decodeDisclosedRecord(input, options = {}) {
  if (input instanceof DisclosedRecord) return input;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (typeof input !== "string" && !(input instanceof Uint8Array)) {
    throw new TypeError(`"input" expected Uint8Array or string, got ${input === null ? "null" : typeof input}`);
  }
  if (typeof input === "string" && input.trim().length > Math.ceil(maxBytes * 4 / 3) + 1) {
    throw new CounterfoilError("ERR_TOO_LARGE", `disclosed record text is longer than ${maxBytes} bytes allow`);
  }
  const bytes2 = typeof input === "string" ? fromBase64url(input.trim()) : input;
  if (bytes2.length > maxBytes) throw new CounterfoilError("ERR_TOO_LARGE", `disclosed record is ${bytes2.length} bytes, more than ${maxBytes}`);
  const top = decodeCbor(bytes2);
  if (typeof top !== "object" || top === null || Array.isArray(top) || top instanceof Uint8Array) throw malformed4("must be a map");
  const { record, disclosures, withheld, ...rest } = top;
  if (Object.keys(rest).length > 0) throw malformed4(`unknown field "${Object.keys(rest)[0]}"`);
  if (!(record instanceof Uint8Array)) throw malformed4(`"record" must be the signed record's bytes`);
  if (!Array.isArray(disclosures)) throw malformed4('"disclosures" must be an array');
  if (withheld !== void 0 && (!Array.isArray(withheld) || withheld.length === 0)) throw malformed4('"withheld" must be a non-empty array when present');
  const signed = decodeRecord(record, { maxBytes });
  return new DisclosedRecord(signed, disclosures.map(parseDisclosure), (withheld ?? []).map(parseWithheld), bytes2);
}
var DisclosedRecord;
var init_disclosed_record = __esm({
  "src/record/disclosed-record.ts"() {
    "use strict";
    init_dag_cbor();
    init_multibase();
    init_errors();
    init_claim_path();
    init_disclosure();
    init_envelope();
    DisclosedRecord = class {
      /** @internal use `issue`, {@link disclose} or {@link decodeDisclosedRecord} */
      constructor(record, disclosures, withheld = [], bytes2) {
        this.record = record;
        this.disclosures = disclosures;
        this.withheld = withheld;
        this.bytes = bytes2 ?? encodeCbor({
          record: record.bytes,
          disclosures: disclosures.map((d) => [d.salt, d.path, d.value]),
          ...withheld.length > 0 ? { withheld: withheld.map((w) => [w.path, w.valueDigest]) } : {}
        });
      }
      record;
      disclosures;
      withheld;
      /** The canonical DAG-CBOR bytes of this container. */
      bytes;
      /** The record id (`bafy…`), the same as the signed record's. */
      get id() {
        return this.record.id;
      }
      /** Paths of the claims this container discloses. */
      get paths() {
        return this.disclosures.map((d) => formatClaimPath(d.path));
      }
      /**
       * The claims as a verifier of this container would see them. Does not check signatures.
       *
       * @throws {CounterfoilError} `ERR_DISCLOSURE_INVALID` or `ERR_DISCLOSURE_NOT_IN_RECORD` when a disclosure does not fit the record
       */
      claims() {
        return applyDisclosures(this.record.payload, this.disclosures, this.withheld);
      }
      /** The text form: multibase base64url (`u…`). */
      toString() {
        return toBase64url(this.bytes);
      }
      /** JSON form is the text form. */
      toJSON() {
        return this.toString();
      }
    };
  }
});

// src/record/revocation-key.ts
async function deriveRevocationKey(signer, salt) {
  const input = domainSeparated(DOMAIN.revocationSeed, salt);
  const signature = await signer.sign(input);
  if (!deterministic.has(signer)) {
    if (!bytesEqual(signature, await signer.sign(input))) {
      throw new CounterfoilError("ERR_SIGNER_FAILED", `signer ${signer.did} does not sign deterministically (RFC 8032 \xA75.1.6), so it could not re-derive this record's revocation key; use an RFC 8032 Ed25519 signer`);
    }
    deterministic.add(signer);
  }
  const seed = sha2562(signature);
  return { seed, publicKey: await publicKeyFromSeed(seed) };
}
var deterministic;
var init_revocation_key = __esm({
  "src/record/revocation-key.ts"() {
    "use strict";
    init_sha2();
    init_bytes2();
    init_domain();
    init_errors();
    init_ed255192();
    deterministic = /* @__PURE__ */ new WeakSet();
  }
});

// src/record/time.ts
function toSeconds(value, name) {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new RangeError(`"${name}" is an invalid Date`);
    return Math.floor(ms / 1e3);
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`"${name}" expected a Date or non-negative integer seconds, got ${String(value)}`);
  }
  if (value > MAX_PLAUSIBLE_SECONDS) {
    throw new RangeError(`"${name}" expected seconds since the epoch, got ${value} (milliseconds?)`);
  }
  return value;
}
function nowSeconds() {
  return Math.floor(Date.now() / 1e3);
}
function isoSeconds(seconds) {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(rest / 3600);
  const m = Math.floor(rest % 3600 / 60);
  return `${String(year).padStart(4, "0")}-${twoDigits(month)}-${twoDigits(day)}T${twoDigits(h)}:${twoDigits(m)}:${twoDigits(rest % 60)}Z`;
}
var MAX_PLAUSIBLE_SECONDS, twoDigits;
var init_time = __esm({
  "src/record/time.ts"() {
    "use strict";
    MAX_PLAUSIBLE_SECONDS = 1e11;
    twoDigits = (n) => (n < 10 ? "0" : "") + n;
  }
});

// src/record/trust.ts
function isTrustedIssuer(trusted, issuer, type) {
  if (typeof trusted === "function") return Promise.resolve(trusted(issuer, type)).then((ok) => ok === true);
  if (Array.isArray(trusted)) return trusted.includes(issuer);
  const byType = trusted;
  const forType = Object.prototype.hasOwnProperty.call(byType, type) ? byType[type] : void 0;
  const forAny = Object.prototype.hasOwnProperty.call(byType, "*") ? byType["*"] : void 0;
  return (forType?.includes(issuer) ?? false) || (forAny?.includes(issuer) ?? false);
}
function assertTrustedIssuers(trusted) {
  if (typeof trusted === "function") return;
  if (Array.isArray(trusted)) {
    if (trusted.every((d) => typeof d === "string")) return;
  } else if (typeof trusted === "object" && trusted !== null) {
    if (Object.values(trusted).every((list) => Array.isArray(list) && list.every((d) => typeof d === "string"))) return;
  }
  throw new TypeError('"trustedIssuers" expected an array of DIDs, a map from record type to DIDs, or a function');
}
var init_trust = __esm({
  "src/record/trust.ts"() {
    "use strict";
  }
});

// src/record/verify.ts
var verify_exports = {};
__export(verify_exports, {
  DEFAULT_CLOCK_SKEW: () => DEFAULT_CLOCK_SKEW,
  DEFAULT_CONCURRENCY: () => DEFAULT_CONCURRENCY,
  Findings: () => Findings,
  MAX_CLOCK_SKEW: () => MAX_CLOCK_SKEW,
  runRecordChecks: () => runRecordChecks,
  verify: () => verify,
  verifyMany: () => verifyMany
});
function settingsFrom(options) {
  if (typeof options !== "object" || options === null) throw new TypeError('"options" expected an object');
  const skew = options.clockSkew ?? DEFAULT_CLOCK_SKEW;
  if (!Number.isSafeInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW) {
    throw new RangeError(`"clockSkew" expected integer seconds from 0 to ${MAX_CLOCK_SKEW}, got ${skew}`);
  }
  if (options.trustedIssuers !== void 0) assertTrustedIssuers(options.trustedIssuers);
  const requiredSigners = options.requiredSigners ?? [];
  if (!Array.isArray(requiredSigners) || !requiredSigners.every((d) => typeof d === "string")) {
    throw new TypeError('"requiredSigners" expected an array of DIDs');
  }
  return {
    now: options.now === void 0 ? nowSeconds() : toSeconds(options.now, "now"),
    skew,
    trustedIssuers: options.trustedIssuers,
    requiredSigners,
    maxBytes: options.maxBytes
  };
}
function decodeInput(input, settings2, findings) {
  if (input instanceof SignedRecord && isGenuineRecord(input)) {
    findings.pass("decode", "record was decoded earlier");
    return input;
  }
  const source = input instanceof SignedRecord ? input.bytes : input;
  if (typeof source !== "string" && !(source instanceof Uint8Array)) {
    throw new TypeError(`"input" expected a SignedRecord, Uint8Array or string, got ${source === null ? "null" : typeof source}`);
  }
  try {
    const record = decodeRecord(source, settings2.maxBytes === void 0 ? {} : { maxBytes: settings2.maxBytes });
    findings.passed(decodePasses.get(record.payload.type, record.bytes.length, decodeDetail));
    return record;
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e;
    findings.fail("decode", e.code, e.message);
    return void 0;
  }
}
function signatureVerdicts(record, verifySignature, verifyNow) {
  const input = signingInput(record.cidBytes);
  const { signatures } = record;
  if (verifyNow !== void 0) {
    const verdicts = [];
    for (const s of signatures) {
      const verdict = verifyNow(sharedPublicKeyFromDid(s.signer), input, s.signature);
      if (verdict === void 0) break;
      verdicts.push(verdict);
    }
    if (verdicts.length === signatures.length) return verdicts;
  }
  if (signatures.length === 1) return verifySignature(sharedPublicKeyFromDid(signatures[0].signer), input, signatures[0].signature).then((ok) => [ok]);
  return Promise.all(signatures.map((s) => verifySignature(sharedPublicKeyFromDid(s.signer), input, s.signature)));
}
function reportSignatures(record, verdicts, findings) {
  if (verdicts.includes(false)) {
    const bad = record.signatures.filter((_, i) => !verdicts[i]);
    findings.fail(
      "signatures",
      "ERR_SIGNATURE_INVALID",
      `signature by ${bad.map((s) => s.signer).join(", ")} does not match the record: forged or altered`
    );
    return false;
  }
  if (record.signatures.length === 1) findings.passed(signaturePasses.get(record.payload.iss, void 0, signatureDetail));
  else findings.pass("signatures", `signed by ${record.signatures.length} parties: ${record.signatures.map((s) => s.signer).join(", ")}`);
  return true;
}
function checkValidity(record, settings2, findings) {
  const { iat, nbf, exp } = record.payload;
  const { now, skew } = settings2;
  const start = Math.max(iat, nbf ?? 0);
  if (now + skew < start) {
    findings.fail("validity", "ERR_NOT_YET_VALID", `not valid before ${isoSeconds(start)}`);
  } else if (exp !== void 0 && now - skew >= exp) {
    findings.fail("validity", "ERR_EXPIRED", `expired at ${isoSeconds(exp)}`);
  } else {
    findings.passed(validityPasses.get(iat, exp, validityDetail));
  }
}
function checkIssuer(record, settings2, findings) {
  const { iss, type } = record.payload;
  if (settings2.trustedIssuers === void 0) return void 0;
  const report = (trusted) => {
    if (trusted) findings.passed(issuerPasses.get(type, iss, issuerDetail));
    else findings.fail("issuer", "ERR_UNTRUSTED_ISSUER", `issuer ${iss} is not trusted for "${type}" records`);
  };
  const answer = isTrustedIssuer(settings2.trustedIssuers, iss, type);
  if (typeof answer !== "boolean") return answer.then(report);
  report(answer);
  return void 0;
}
function checkSigners(record, settings2, findings) {
  if (settings2.requiredSigners.length === 0) return;
  const signed = new Set(record.signatures.map((s) => s.signer));
  const missing = settings2.requiredSigners.filter((d) => !signed.has(d));
  if (missing.length > 0) {
    findings.fail("signers", "ERR_MISSING_SIGNER", `not signed by ${missing.join(", ")}`);
  } else {
    findings.pass("signers", `signed by every required party (${settings2.requiredSigners.length})`);
  }
}
function runRecordChecks(input, settings2, verifySignature, extra, verifyNow) {
  const findings = new Findings();
  const record = decodeInput(input, settings2, findings);
  if (record === void 0) return { findings, record, genuine: false };
  const verdicts = signatureVerdicts(record, verifySignature, verifyNow);
  if (Array.isArray(verdicts)) return afterSignatures(record, verdicts, settings2, findings, extra);
  return verdicts.then((v) => afterSignatures(record, v, settings2, findings, extra));
}
function afterSignatures(record, verdicts, settings2, findings, extra) {
  if (!reportSignatures(record, verdicts, findings)) return { findings, record, genuine: false };
  checkValidity(record, settings2, findings);
  const issuerChecked = checkIssuer(record, settings2, findings);
  if (issuerChecked === void 0 && extra === void 0) {
    checkSigners(record, settings2, findings);
    return { findings, record, genuine: true };
  }
  return finishChecks(record, settings2, findings, issuerChecked, extra);
}
async function finishChecks(record, settings2, findings, issuerChecked, extra) {
  if (issuerChecked !== void 0) await issuerChecked;
  checkSigners(record, settings2, findings);
  if (extra !== void 0) await extra(record, settings2.now, settings2.skew, findings);
  return { findings, record, genuine: true };
}
async function verify(input, options = {}, extra) {
  const settings2 = settingsFrom(options);
  const checked = runRecordChecks(input, settings2, verifyEd25519, extra, verifyEd25519Now);
  const { findings, record } = checked instanceof Promise ? await checked : checked;
  return findings.result(record);
}
async function verifyMany(inputs, options = {}, extra) {
  const settings2 = settingsFrom(options);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`"concurrency" expected a positive integer, got ${concurrency}`);
  }
  const items = [...inputs];
  const verifyCallback = await concurrentVerifier();
  const verifySignature = (publicKey, message, signature) => new Promise((resolve) => verifyCallback(publicKey, message, signature, resolve));
  return new Promise((resolve, reject) => {
    const results = new Array(items.length);
    let next = 0;
    let inFlight = 0;
    let finished = 0;
    let failed = false;
    const refillBelow = Math.max(1, concurrency >> 1);
    const settle = (i, findings, record) => {
      results[i] = findings.result(record);
      if (++finished === items.length) resolve(results);
    };
    const fail2 = (e) => {
      failed = true;
      reject(e);
    };
    const returned = (i, checked) => {
      inFlight--;
      settle(i, checked.findings, checked.record);
      if (inFlight < refillBelow) refill();
    };
    const afterVerdicts = (i, record, findings, verdicts) => {
      try {
        const checked = afterSignatures(record, verdicts, settings2, findings, extra);
        if (checked instanceof Promise) checked.then((c) => returned(i, c), fail2);
        else returned(i, checked);
      } catch (e) {
        fail2(e);
      }
    };
    const refill = () => {
      try {
        while (!failed && inFlight < concurrency && next < items.length) {
          const i = next++;
          const findings = new Findings();
          const record = decodeInput(items[i], settings2, findings);
          if (record === void 0) {
            settle(i, findings, void 0);
            continue;
          }
          inFlight++;
          const { signatures } = record;
          if (signatures.length === 1) {
            const only = signatures[0];
            verifyCallback(sharedPublicKeyFromDid(only.signer), signingInput(record.cidBytes), only.signature, (ok) => afterVerdicts(i, record, findings, [ok]));
          } else {
            ;
            signatureVerdicts(record, verifySignature, void 0).then((v) => afterVerdicts(i, record, findings, v), fail2);
          }
        }
      } catch (e) {
        fail2(e);
      }
    };
    if (items.length === 0) resolve(results);
    else refill();
  });
}
var DEFAULT_CLOCK_SKEW, MAX_CLOCK_SKEW, SharedPasses, SHARED_PASSES_MAX, decodePasses, signaturePasses, validityPasses, issuerPasses, decodeDetail, signatureDetail, validityDetail, issuerDetail, NO_ERRORS, Findings, DEFAULT_CONCURRENCY;
var init_verify = __esm({
  "src/record/verify.ts"() {
    "use strict";
    init_errors();
    init_ed255192();
    init_did();
    init_envelope();
    init_time();
    init_trust();
    DEFAULT_CLOCK_SKEW = 60;
    MAX_CLOCK_SKEW = 300;
    SharedPasses = class {
      constructor(name) {
        this.name = name;
      }
      name;
      #byFirst = /* @__PURE__ */ new Map();
      #size = 0;
      get(a, b, detail) {
        let byB = this.#byFirst.get(a);
        const found = byB?.get(b);
        if (found !== void 0) return found;
        if (this.#size >= SHARED_PASSES_MAX) {
          this.#byFirst.clear();
          this.#size = 0;
          byB = void 0;
        }
        if (byB === void 0) this.#byFirst.set(a, byB = /* @__PURE__ */ new Map());
        const check = Object.freeze({ name: this.name, ok: true, detail: detail(a, b) });
        byB.set(b, check);
        this.#size++;
        return check;
      }
    };
    SHARED_PASSES_MAX = 1024;
    decodePasses = new SharedPasses("decode");
    signaturePasses = new SharedPasses("signatures");
    validityPasses = new SharedPasses("validity");
    issuerPasses = new SharedPasses("issuer");
    decodeDetail = (type, length2) => `canonical DAG-CBOR, ${length2} bytes, type "${type}"`;
    signatureDetail = (iss) => `signed by the issuer ${iss}`;
    validityDetail = (start, exp) => exp === void 0 ? `issued ${isoSeconds(start)}, does not expire` : `issued ${isoSeconds(start)}, valid until ${isoSeconds(exp)}`;
    issuerDetail = (type, iss) => `issuer ${iss} is trusted for "${type}" records`;
    NO_ERRORS = Object.freeze([]);
    Findings = class {
      checks = [];
      errors = [];
      pass(name, detail) {
        this.checks.push({ name, ok: true, detail });
      }
      /** Records a passed check that other results may share (frozen). */
      passed(check) {
        this.checks.push(check);
      }
      fail(name, code, message) {
        this.checks.push({ name, ok: false, detail: message });
        this.errors.push({ code, message });
      }
      result(record) {
        const valid = this.errors.length === 0;
        const checks = this.checks.slice();
        const errors = valid ? NO_ERRORS : this.errors.slice();
        return record === void 0 ? { valid, checks, errors } : { valid, id: record.id, record, checks, errors };
      }
    };
    DEFAULT_CONCURRENCY = 64;
  }
});

// src/registry/status-options.ts
function wantsStatus(o) {
  return o.registry !== void 0 || o.staple !== void 0 || o.snapshot !== void 0 || o.requireRegistration === true;
}
var init_status_options = __esm({
  "src/registry/status-options.ts"() {
    "use strict";
  }
});

// src/registry/cbor.ts
function encodePlain(value) {
  const bytes2 = encodeCbor(value);
  return Object.getPrototypeOf(bytes2) === Uint8Array.prototype ? bytes2 : new Uint8Array(bytes2);
}
var init_cbor = __esm({
  "src/registry/cbor.ts"() {
    "use strict";
    init_dag_cbor();
  }
});

// src/registry/entries.ts
function commitmentOf(cid) {
  return sha2562(domainSeparated(DOMAIN.commitment, cid.bytes));
}
function malformed5(message) {
  return new CounterfoilError("ERR_MALFORMED", `log entry: ${message}`);
}
function unsignedFields(entry) {
  const { sig: _sig, ...fields } = entry;
  return fields;
}
function entryTag(t2) {
  return t2 === "succession" ? DOMAIN.succession : DOMAIN.statement;
}
function statementInput(entry) {
  return domainSeparated(entryTag(entry.t), encodeCbor(unsignedFields(entry)));
}
async function signEntry(fields, key) {
  const input = domainSeparated(entryTag(fields.t), encodeCbor(fields));
  const sig2 = key instanceof Uint8Array ? await signEd25519(key, input) : await key.sign(input);
  return encodePlain({ ...fields, sig: sig2 });
}
function index(value, name) {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw malformed5(`"${name}" must be a non-negative integer`);
  return value;
}
function key32(value, name, onCurve = true) {
  if (!(value instanceof Uint8Array) || value.length !== 32) throw malformed5(`"${name}" must be 32 bytes`);
  if (onCurve || !isWellFormedPublicKey(value)) checkPublicKey(value);
  return value;
}
function exactKeys(map, keys) {
  const extra = Object.keys(map).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw malformed5(`unknown field "${extra[0]}"`);
  const missing = keys.filter((k) => !(k in map) && k !== "holder");
  if (missing.length > 0) throw malformed5(`missing field "${missing[0]}"`);
}
function decodeEntry(bytes2) {
  return decodeEntryChecked(bytes2, true);
}
function decodeEntryChecked(bytes2, issuerOnCurve) {
  if (bytes2.length > MAX_ENTRY_BYTES) throw new CounterfoilError("ERR_TOO_LARGE", `log entry is ${bytes2.length} bytes, more than ${MAX_ENTRY_BYTES}`);
  const value = decodeCbor(bytes2, { maxDepth: 4 });
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) throw malformed5("must be a map");
  const map = value;
  const sig2 = map.sig;
  if (!(sig2 instanceof Uint8Array) || sig2.length !== 64) throw malformed5('"sig" must be 64 bytes');
  const at = index(map.at, "at");
  switch (map.t) {
    case "reg": {
      exactKeys(map, ["t", "c", "rev", "at", "sig"]);
      if (!(map.c instanceof Uint8Array) || map.c.length !== 32) throw malformed5('"c" must be 32 bytes');
      const rev = map.rev;
      if (typeof rev !== "object" || rev === null || Array.isArray(rev) || rev instanceof Uint8Array) throw malformed5('"rev" must be a map');
      exactKeys(rev, ["issuer", "holder"]);
      const issuer = key32(rev.issuer, "rev.issuer", issuerOnCurve);
      const keys = rev.holder === void 0 ? { issuer } : { issuer, holder: key32(rev.holder, "rev.holder") };
      return { t: "reg", c: map.c, rev: keys, at, sig: sig2 };
    }
    case "revoke":
    case "suspend":
    case "reinstate":
    case "withdraw": {
      exactKeys(map, ["t", "i", "prev", "at", "reason", "sig"]);
      const reason = index(map.reason, "reason");
      if (reason > 255) throw malformed5('"reason" must be 0-255');
      const i = index(map.i, "i");
      const prev = index(map.prev, "prev");
      if (prev < i) throw malformed5('"prev" cannot precede "i"');
      return { t: map.t, i, prev, at, reason, sig: sig2 };
    }
    case "revoke-key": {
      exactKeys(map, ["t", "key", "from", "at", "sig"]);
      if (typeof map.key !== "string") throw malformed5('"key" must be a did:key');
      publicKeyFromDid(map.key);
      return { t: "revoke-key", key: map.key, from: index(map.from, "from"), at, sig: sig2 };
    }
    case "succession": {
      exactKeys(map, ["t", "old", "new", "from", "at", "sig"]);
      if (typeof map.old !== "string" || typeof map.new !== "string") throw malformed5('"old" and "new" must be did:keys');
      publicKeyFromDid(map.old);
      publicKeyFromDid(map.new);
      if (map.old === map.new) throw malformed5("a key cannot succeed itself");
      return { t: "succession", old: map.old, new: map.new, from: index(map.from, "from"), at, sig: sig2 };
    }
    default:
      throw malformed5(`unknown entry type ${JSON.stringify(map.t ?? null)}`);
  }
}
function checkEntrySignature(entry, publicKey, verify3 = verifyEd25519) {
  return verify3(publicKey, statementInput(entry), entry.sig);
}
var MAX_ENTRY_BYTES;
var init_entries = __esm({
  "src/registry/entries.ts"() {
    "use strict";
    init_sha2();
    init_dag_cbor();
    init_cbor();
    init_domain();
    init_errors();
    init_did();
    init_ed255192();
    init_strict();
    MAX_ENTRY_BYTES = 1024;
  }
});

// src/registry/log/tree-math.ts
function assertIndex(name, value) {
  if (typeof value !== "number") {
    throw new TypeError(`"${name}" expected a number, got ${typeof value}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`"${name}" expected an integer in [0, 2^53 - 1], got ${String(value)}`);
  }
}
function isOdd(n) {
  return n % 2 === 1;
}
function half(n) {
  return Math.floor(n / 2);
}
var MAX_TREE_SIZE;
var init_tree_math = __esm({
  "src/registry/log/tree-math.ts"() {
    "use strict";
    MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;
  }
});

// src/registry/log/merkle.ts
function hashLeaf(entry) {
  assertBytes(entry, "entry");
  const buf2 = new Uint8Array(1 + entry.length);
  buf2[0] = LEAF_PREFIX;
  buf2.set(entry, 1);
  return sha2562(buf2);
}
function nodeHash(left, right) {
  const buf2 = new Uint8Array(1 + 2 * HASH_LENGTH);
  buf2[0] = NODE_PREFIX;
  buf2.set(left, 1);
  buf2.set(right, 1 + HASH_LENGTH);
  return sha2562(buf2);
}
function isHash(value) {
  return value instanceof Uint8Array && value.length === HASH_LENGTH;
}
function equalHashes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
function assertProofArray(proof) {
  if (!Array.isArray(proof)) throw new TypeError('"proof" expected an array of Uint8Array');
  proof.forEach((p, i) => assertBytes(p, `proof[${i}]`));
}
function rootFromInclusionProof(leafHash, index2, size, proof) {
  assertBytes(leafHash, "leafHash");
  assertIndex("index", index2);
  assertIndex("size", size);
  assertProofArray(proof);
  if (!isHash(leafHash) || !proof.every(isHash)) return void 0;
  if (index2 >= size) return void 0;
  let fn = index2;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return void 0;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return void 0;
  return r;
}
function verifyInclusion(leafHash, index2, size, proof, root) {
  assertBytes(root, "root");
  const r = rootFromInclusionProof(leafHash, index2, size, proof);
  return r !== void 0 && isHash(root) && equalHashes(r, root);
}
var HASH_LENGTH, LEAF_PREFIX, NODE_PREFIX;
var init_merkle = __esm({
  "src/registry/log/merkle.ts"() {
    "use strict";
    init_sha2();
    init_bytes2();
    init_tree_math();
    HASH_LENGTH = 32;
    LEAF_PREFIX = 0;
    NODE_PREFIX = 1;
  }
});

// src/registry/log/encoding.ts
function fromBase64(text2) {
  if (!BASE64_SHAPE.test(text2)) return void 0;
  const pad = text2.endsWith("==") ? 2 : text2.endsWith("=") ? 1 : 0;
  const out = new Uint8Array(text2.length / 4 * 3 - pad);
  let o = 0;
  for (let i = 0; i < text2.length; i += 4) {
    const a = DECODE[text2.charCodeAt(i)];
    const b = DECODE[text2.charCodeAt(i + 1)];
    const c = text2[i + 2] === "=" ? 0 : DECODE[text2.charCodeAt(i + 2)];
    const d = text2[i + 3] === "=" ? 0 : DECODE[text2.charCodeAt(i + 3)];
    const n = a * 262144 + b * 4096 + c * 64 + d;
    out[o++] = Math.floor(n / 65536);
    if (o < out.length) out[o++] = Math.floor(n / 256) % 256;
    if (o < out.length) out[o++] = n % 256;
    else if (i + 4 >= text2.length && n % (pad === 2 ? 65536 : 256) !== 0) return void 0;
  }
  return out;
}
function fromUtf8(bytes2) {
  try {
    return strictDecoder.decode(bytes2);
  } catch {
    return void 0;
  }
}
function isWellFormedText(text2) {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text2);
}
var ALPHABET2, DECODE, BASE64_SHAPE, strictDecoder;
var init_encoding = __esm({
  "src/registry/log/encoding.ts"() {
    "use strict";
    init_bytes2();
    ALPHABET2 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    DECODE = /* @__PURE__ */ (() => {
      const t2 = new Int16Array(128).fill(-1);
      for (let i = 0; i < ALPHABET2.length; i++) t2[ALPHABET2.charCodeAt(i)] = i;
      return t2;
    })();
    BASE64_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  }
});

// src/registry/log/note-keys.ts
function isValidKeyName(name) {
  return typeof name === "string" && name.length > 0 && !UNICODE_SPACE.test(name) && !name.includes("+") && !CONTROL.test(name) && isWellFormedText(name);
}
function assertKeyName(name) {
  if (!isValidKeyName(name)) {
    throw new TypeError(`"name" expected a non-empty key name without spaces or "+", got ${JSON.stringify(name)}`);
  }
}
function assertPublicKey(publicKey) {
  assertBytes(publicKey, "publicKey", 32);
}
function noteKeyId(name, publicKey) {
  assertKeyName(name);
  assertPublicKey(publicKey);
  const nameBytes = utf8(name);
  const buf2 = new Uint8Array(nameBytes.length + 2 + 32);
  buf2.set(nameBytes, 0);
  buf2[nameBytes.length] = 10;
  buf2[nameBytes.length + 1] = NOTE_ED25519;
  buf2.set(publicKey, nameBytes.length + 2);
  const h = sha2562(buf2);
  return ((h[0] * 256 + h[1]) * 256 + h[2]) * 256 + h[3];
}
function keyIdBytes(keyId) {
  return Uint8Array.of(Math.floor(keyId / 2 ** 24) % 256, Math.floor(keyId / 2 ** 16) % 256, Math.floor(keyId / 256) % 256, keyId % 256);
}
function keyIdHex(keyId) {
  return toHex(keyIdBytes(keyId));
}
function noteVerifier(name, publicKey) {
  return { name, keyId: noteKeyId(name, publicKey), publicKey: publicKey.slice() };
}
var NOTE_ED25519, UNICODE_SPACE, CONTROL;
var init_note_keys = __esm({
  "src/registry/log/note-keys.ts"() {
    "use strict";
    init_sha2();
    init_bytes2();
    init_encoding();
    NOTE_ED25519 = 1;
    UNICODE_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
    CONTROL = /[\u0000-\u001f\u007f]/;
  }
});

// src/registry/log/note.ts
function malformed6(why) {
  return new CounterfoilError("ERR_MALFORMED", `signed note: ${why}`);
}
function parseSignatureLine(line) {
  if (!line.startsWith(DASH)) throw malformed6("signature line does not start with an em dash and a space");
  const rest = line.slice(DASH.length);
  const space = rest.indexOf(" ");
  if (space < 0) throw malformed6("signature line has no signature");
  const name = rest.slice(0, space);
  const b64 = rest.slice(space + 1);
  if (!isValidKeyName(name)) throw malformed6("signature line has an invalid key name");
  const blob = fromBase64(b64);
  if (blob === void 0) throw malformed6("signature is not canonical padded base64");
  if (blob.length < 5) throw malformed6("signature is shorter than a key ID and one byte");
  const keyId = ((blob[0] * 256 + blob[1]) * 256 + blob[2]) * 256 + blob[3];
  return { name, keyId, signature: blob.slice(4) };
}
async function openNote(note, verifiers, options = {}) {
  const maxSignatures = options.maxSignatures ?? DEFAULT_MAX_SIGNATURES;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NOTE_BYTES;
  if (!Number.isSafeInteger(maxSignatures) || maxSignatures < 1) throw new RangeError('"maxSignatures" expected a positive integer');
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError('"maxBytes" expected a positive integer');
  const known = indexVerifiers(verifiers);
  let text2;
  if (note instanceof Uint8Array) {
    if (note.length > maxBytes) throw malformed6(`note is larger than ${maxBytes} bytes`);
    const decoded2 = fromUtf8(note);
    if (decoded2 === void 0) throw malformed6("note is not valid UTF-8");
    text2 = decoded2;
  } else if (typeof note === "string") {
    if (!isWellFormedText(note)) throw malformed6("note is not well-formed Unicode");
    if (note.length * 3 > maxBytes && utf8(note).length > maxBytes) throw malformed6(`note is larger than ${maxBytes} bytes`);
    text2 = note;
  } else {
    throw new TypeError('"note" expected a string or Uint8Array');
  }
  if (CONTROL2.test(text2)) throw malformed6("note contains a control character other than newline");
  const split2 = text2.lastIndexOf("\n\n");
  if (split2 < 0) throw malformed6("note has no blank line before its signatures");
  const body = text2.slice(0, split2 + 1);
  const block = text2.slice(split2 + 2);
  if (!block.endsWith("\n")) throw malformed6("signature block does not end with a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > maxSignatures) throw malformed6(`note has more than ${maxSignatures} signatures`);
  const seen = /* @__PURE__ */ new Set();
  const verifiedBy = [];
  const unverified = [];
  const message = utf8(body);
  for (const line of lines) {
    const sig2 = parseSignatureLine(line);
    const id = `${sig2.name}+${sig2.keyId}`;
    if (seen.has(id)) throw malformed6(`duplicate signature for key ${sig2.name}+${keyIdHex(sig2.keyId)}`);
    seen.add(id);
    const verifier = known.get(id);
    if (verifier === void 0) {
      unverified.push(sig2);
      continue;
    }
    if (sig2.signature.length !== 64 || !await verifyEd25519(verifier.publicKey, message, sig2.signature)) {
      throw new CounterfoilError("ERR_SIGNATURE_INVALID", `signed note: invalid signature for key ${sig2.name}+${keyIdHex(sig2.keyId)}`);
    }
    verifiedBy.push(verifier);
  }
  if (verifiedBy.length === 0) {
    throw new CounterfoilError("ERR_SIGNATURE_INVALID", "signed note: no signature from a trusted key");
  }
  return { text: body, verifiedBy, unverified };
}
function indexVerifiers(verifiers) {
  if (!Array.isArray(verifiers)) throw new TypeError('"verifiers" expected an array of NoteVerifier');
  const map = /* @__PURE__ */ new Map();
  verifiers.forEach((v, i) => {
    if (typeof v !== "object" || v === null) throw new TypeError(`"verifiers[${i}]" expected a NoteVerifier`);
    assertKeyName(v.name);
    assertPublicKey(v.publicKey);
    if (!Number.isInteger(v.keyId) || v.keyId < 0 || v.keyId > 4294967295) {
      throw new TypeError(`"verifiers[${i}].keyId" expected an unsigned 32-bit integer`);
    }
    if (noteKeyId(v.name, v.publicKey) !== v.keyId) {
      throw new TypeError(`"verifiers[${i}].keyId" does not match its name and public key`);
    }
    const id = `${v.name}+${v.keyId}`;
    if (map.has(id)) throw new TypeError(`"verifiers" has two keys named ${v.name}+${keyIdHex(v.keyId)}`);
    map.set(id, v);
  });
  return map;
}
var DEFAULT_MAX_SIGNATURES, DEFAULT_MAX_NOTE_BYTES, DASH, CONTROL2;
var init_note = __esm({
  "src/registry/log/note.ts"() {
    "use strict";
    init_errors();
    init_ed255192();
    init_encoding();
    init_note_keys();
    init_note_keys();
    DEFAULT_MAX_SIGNATURES = 100;
    DEFAULT_MAX_NOTE_BYTES = 1024 * 1024;
    DASH = "\u2014 ";
    CONTROL2 = /[\u0000-\u0009\u000b-\u001f\u007f]/;
  }
});

// src/registry/log/checkpoint.ts
function lineProblem(line) {
  if (line.length === 0) return "is empty";
  if (CONTROL3.test(line)) return "contains a control character";
  if (!isWellFormedText(line)) return "is not well-formed Unicode";
  return void 0;
}
function parseCheckpoint(text2) {
  if (typeof text2 !== "string") throw new TypeError('"text" expected a string');
  const fail2 = (why) => {
    throw new CounterfoilError("ERR_CHECKPOINT_INVALID", `checkpoint ${why}`);
  };
  if (!text2.endsWith("\n")) fail2("does not end with a newline");
  const lines = text2.slice(0, -1).split("\n");
  if (lines.length < 3) fail2(`has ${lines.length} lines, expected at least 3`);
  lines.forEach((line, i) => {
    const p = lineProblem(line);
    if (p !== void 0) fail2(`line ${i + 1} ${p}`);
  });
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!DECIMAL.test(sizeText)) fail2("tree size is not a decimal without leading zeroes");
  const size = Number(sizeText);
  if (!(size <= MAX_TREE_SIZE) || String(size) !== sizeText) fail2("tree size is above 2^53 - 1");
  const rootHash = fromBase64(rootText);
  if (rootHash === void 0) fail2("root hash is not canonical padded base64");
  if (rootHash.length !== HASH_LENGTH) fail2(`root hash has ${rootHash.length} bytes, expected ${HASH_LENGTH}`);
  return { origin, size, rootHash, extensions };
}
var CONTROL3, DECIMAL;
var init_checkpoint = __esm({
  "src/registry/log/checkpoint.ts"() {
    "use strict";
    init_errors();
    init_encoding();
    init_merkle();
    init_tree_math();
    CONTROL3 = /[\u0000-\u001f\u007f]/;
    DECIMAL = /^(?:0|[1-9][0-9]*)$/;
  }
});

// src/registry/log/signed-checkpoint.ts
async function openCheckpoint(note, verifiers, options) {
  if (typeof options?.origin !== "string") throw new TypeError('"options.origin" expected a string');
  const opened = await openNote(note, verifiers, options);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== options.origin) {
    throw new CounterfoilError(
      "ERR_CHECKPOINT_INVALID",
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not the expected ${JSON.stringify(options.origin)}`
    );
  }
  return { checkpoint, text: opened.text, verifiedBy: opened.verifiedBy, unverified: opened.unverified };
}
var init_signed_checkpoint = __esm({
  "src/registry/log/signed-checkpoint.ts"() {
    "use strict";
    init_errors();
    init_checkpoint();
    init_note();
  }
});

// src/registry/log/proof-file.ts
function parseProofFile(file, maxBytes = DEFAULT_MAX_PROOF_FILE_BYTES) {
  const fail2 = (why) => {
    throw new CounterfoilError("ERR_MALFORMED", `tlog-proof: ${why}`);
  };
  let text2;
  if (file instanceof Uint8Array) {
    if (file.length > maxBytes) fail2(`file is larger than ${maxBytes} bytes`);
    const decoded2 = fromUtf8(file);
    if (decoded2 === void 0) fail2("file is not valid UTF-8");
    text2 = decoded2;
  } else if (typeof file === "string") {
    if (!isWellFormedText(file)) fail2("file is not well-formed Unicode");
    if (file.length > maxBytes) fail2(`file is larger than ${maxBytes} bytes`);
    text2 = file;
  } else {
    throw new TypeError('"file" expected a string or Uint8Array');
  }
  let pos = 0;
  const nextLine = () => {
    const end = text2.indexOf("\n", pos);
    if (end < 0) fail2("unexpected end of file");
    const line2 = text2.slice(pos, end);
    pos = end + 1;
    return line2;
  };
  if (nextLine() !== TLOG_PROOF_HEADER) fail2(`first line is not ${TLOG_PROOF_HEADER}`);
  let line = nextLine();
  let extra;
  if (line.startsWith("extra ")) {
    extra = fromBase64(line.slice("extra ".length));
    if (extra === void 0 || extra.length === 0) fail2("extra data is not non-empty canonical padded base64");
    line = nextLine();
  }
  if (!line.startsWith("index ")) fail2("missing index line");
  const indexText = line.slice("index ".length);
  if (!DECIMAL2.test(indexText)) fail2("index is not a decimal without leading zeroes");
  const index2 = Number(indexText);
  if (!(index2 <= MAX_TREE_SIZE) || String(index2) !== indexText) fail2("index is above 2^53 - 1");
  const inclusionPath = [];
  for (line = nextLine(); line !== ""; line = nextLine()) {
    if (inclusionPath.length === MAX_PROOF_HASHES) fail2(`more than ${MAX_PROOF_HASHES} proof hashes`);
    const h = fromBase64(line);
    if (h === void 0 || h.length !== HASH_LENGTH) fail2("proof line is not canonical padded base64 of a 32-byte hash");
    inclusionPath.push(h);
  }
  const checkpoint = text2.slice(pos);
  if (checkpoint === "" || checkpoint.startsWith("\n") || !checkpoint.endsWith("\n")) {
    fail2("checkpoint is missing or does not end with a newline");
  }
  return extra === void 0 ? { index: index2, inclusionPath, checkpoint } : { index: index2, inclusionPath, checkpoint, extra };
}
async function verifyProofFile(file, options) {
  const { leafHash, verifiers, origin, ...noteOptions } = options ?? {};
  assertBytes(leafHash, "leafHash");
  if (leafHash.length !== HASH_LENGTH) throw new RangeError(`"leafHash" expected Uint8Array of length ${HASH_LENGTH}, got length=${leafHash.length}`);
  const proof = typeof file === "string" || file instanceof Uint8Array ? parseProofFile(file, noteOptions.maxBytes) : file;
  const opened = await openCheckpoint(proof.checkpoint, verifiers, { ...noteOptions, origin });
  const { checkpoint } = opened;
  if (proof.index >= checkpoint.size) {
    throw new CounterfoilError("ERR_PROOF_INVALID", `tlog-proof: index ${proof.index} is not in a tree of ${checkpoint.size}`);
  }
  if (!verifyInclusion(leafHash, proof.index, checkpoint.size, proof.inclusionPath, checkpoint.rootHash)) {
    throw new CounterfoilError("ERR_PROOF_INVALID", "tlog-proof: inclusion proof does not lead to the checkpoint root");
  }
  const result = { index: proof.index, checkpoint, verifiedBy: opened.verifiedBy, unverified: opened.unverified };
  return proof.extra === void 0 ? result : { ...result, extra: proof.extra };
}
var TLOG_PROOF_HEADER, MAX_PROOF_HASHES, DEFAULT_MAX_PROOF_FILE_BYTES, DECIMAL2;
var init_proof_file = __esm({
  "src/registry/log/proof-file.ts"() {
    "use strict";
    init_errors();
    init_encoding();
    init_bytes2();
    init_merkle();
    init_signed_checkpoint();
    init_tree_math();
    TLOG_PROOF_HEADER = "c2sp.org/tlog-proof@v1";
    MAX_PROOF_HASHES = 63;
    DEFAULT_MAX_PROOF_FILE_BYTES = 1024 * 1024;
    DECIMAL2 = /^(?:0|[1-9][0-9]*)$/;
  }
});

// src/codec/stream.ts
async function readStreamCapped(stream, limit, what) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new CounterfoilError("ERR_TOO_LARGE", `${what} is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return concat(chunks);
}
var init_stream = __esm({
  "src/codec/stream.ts"() {
    "use strict";
    init_errors();
    init_bytes2();
  }
});

// src/registry/status/bitstring.ts
function statusListBytes(entries) {
  return Math.ceil(Math.max(entries, MIN_STATUS_ENTRIES) * STATUS_SIZE / 8);
}
function getStatus(list, index2) {
  const byte = Math.floor(index2 / 4);
  if (!Number.isSafeInteger(index2) || index2 < 0 || byte >= list.length) throw new RangeError(`status index ${index2} is outside the list`);
  return list[byte] >> 6 - index2 % 4 * 2 & 3;
}
async function pipe(bytes2, stream, limit) {
  const writer = stream.writable.getWriter();
  void writer.write(bytes2).catch(() => void 0);
  void writer.close().catch(() => void 0);
  return readStreamCapped(stream.readable, limit, "inflated status list");
}
async function decompressStatusList(gzipped, maxBytes) {
  try {
    return await pipe(gzipped, new DecompressionStream("gzip"), maxBytes);
  } catch (e) {
    if (e instanceof CounterfoilError) throw e;
    throw new CounterfoilError("ERR_MALFORMED", "status list is not valid gzip", { cause: e });
  }
}
var MIN_STATUS_ENTRIES, STATUS_SIZE;
var init_bitstring = __esm({
  "src/registry/status/bitstring.ts"() {
    "use strict";
    init_stream();
    init_errors();
    MIN_STATUS_ENTRIES = 131072;
    STATUS_SIZE = 2;
  }
});

// src/registry/status/signed.ts
async function openArtefact(tag, bytes2, trusted) {
  const value = decodeCbor(bytes2, { maxDepth: 2 });
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) {
    throw new CounterfoilError("ERR_MALFORMED", `${tag}: must be a map`);
  }
  const { body, signer, sig: sig2, ...rest } = value;
  if (Object.keys(rest).length > 0 || !(body instanceof Uint8Array) || typeof signer !== "string" || !(sig2 instanceof Uint8Array) || sig2.length !== 64) {
    throw new CounterfoilError("ERR_MALFORMED", `${tag}: expected { body, signer, sig }`);
  }
  if (!trusted.includes(signer)) throw new CounterfoilError("ERR_UNTRUSTED_ISSUER", `${tag}: signed by ${signer}, not a trusted registry key`);
  if (!await verifyEd25519(publicKeyFromDid(signer), domainSeparated(tag, body), sig2)) {
    throw new CounterfoilError("ERR_SIGNATURE_INVALID", `${tag}: registry signature does not verify`);
  }
  return { body, signer };
}
var init_signed = __esm({
  "src/registry/status/signed.ts"() {
    "use strict";
    init_dag_cbor();
    init_domain();
    init_errors();
    init_did();
    init_ed255192();
  }
});

// src/registry/status/answers.ts
function fail(what) {
  return new CounterfoilError("ERR_MALFORMED", `status answer: ${what}`);
}
function asMap(value, what) {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Uint8Array) throw fail(`${what} must be a map`);
  return value;
}
function uint(value, what) {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) throw fail(`${what} must be a non-negative integer`);
  return value;
}
function keysOf(value) {
  if (!Array.isArray(value)) throw fail('"keys" must be an array');
  return value.map((k) => {
    const m = asMap(k, "key revocation");
    if (typeof m.did !== "string") throw fail('key revocation "did" must be a string');
    return { did: m.did, from: uint(m.from, 'key revocation "from"') };
  });
}
function common(m) {
  if (m.v !== 1) throw fail("unsupported version");
  const c = { size: uint(m.size, '"size"'), at: uint(m.at, '"at"'), exp: uint(m.exp, '"exp"') };
  if (c.exp <= c.at) throw fail('"exp" must be after "at"');
  return c;
}
async function openStatusNote(bytes2, trusted, source = "online") {
  const { body, signer } = await openArtefact(DOMAIN.status, bytes2, trusted);
  const m = asMap(decodeCbor(body), "note");
  const c = common(m);
  if (!(m.c instanceof Uint8Array) || m.c.length !== 32) throw fail('"c" must be 32 bytes');
  const registered = m.i !== null;
  const status = {
    source,
    registry: signer,
    state: registered ? STATES[uint(m.state, '"state"')] ?? "valid" : "unregistered",
    reason: uint(m.reason, '"reason"'),
    since: uint(m.since, '"since"'),
    logSize: c.size,
    issuedAt: c.at,
    expiresAt: c.exp,
    revokedKeys: keysOf(m.keys),
    ...registered ? { index: uint(m.i, '"i"'), head: uint(m.head, '"head"') } : {},
    ...m.rev instanceof Uint8Array ? { revocationKey: m.rev } : {}
  };
  if (registered && (typeof m.state !== "number" || m.state > 3)) throw fail('"state" must be 0-3');
  return { commitment: m.c, status };
}
async function openBucket(bytes2, trusted, commitment) {
  const { body, signer } = await openArtefact(DOMAIN.bucket, bytes2, trusted);
  const m = asMap(decodeCbor(body), "bucket");
  const c = common(m);
  if (!(m.prefix instanceof Uint8Array) || !bytesEqual(m.prefix, commitment.subarray(0, m.prefix.length))) throw fail("bucket prefix does not cover this record");
  if (!Array.isArray(m.items)) throw fail('"items" must be an array');
  const revokedKeys = keysOf(m.keys);
  const base2 = { source: "bucket", registry: signer, logSize: c.size, issuedAt: c.at, expiresAt: c.exp, revokedKeys };
  const matches3 = [];
  for (const raw of m.items) {
    const it = asMap(raw, "bucket item");
    if (!(it.c instanceof Uint8Array) || !bytesEqual(it.c, commitment)) continue;
    const state = STATES[uint(it.state, "item state")];
    if (state === void 0) throw fail("item state must be 0-3");
    const index2 = uint(it.i, "item index");
    const head = uint(it.head, "item head");
    if (head < index2) throw fail("item head cannot precede its index");
    matches3.push({ ...base2, index: index2, head, state, reason: uint(it.reason, "item reason"), since: uint(it.since, "item since"), ...it.rev instanceof Uint8Array ? { revocationKey: it.rev } : {} });
  }
  return { matches: matches3, template: { ...base2, state: "unregistered", reason: 0, since: 0 } };
}
async function openSnapshot(bytes2, trusted) {
  const { body, signer } = await openArtefact(DOMAIN.snapshot, bytes2, trusted);
  const m = asMap(decodeCbor(body), "snapshot");
  const c = common(m);
  if (!(m.list instanceof Uint8Array)) throw fail('"list" must be bytes');
  const list = await decompressStatusList(m.list, MAX_SNAPSHOT_LIST_BYTES);
  if (list.length < statusListBytes(c.size)) throw fail("status list is shorter than the log");
  return { registry: signer, logSize: c.size, issuedAt: c.at, expiresAt: c.exp, list, revokedKeys: keysOf(m.keys), bytes: bytes2 };
}
function snapshotStatus(snapshot, index2) {
  const base2 = { source: "snapshot", registry: snapshot.registry, logSize: snapshot.logSize, issuedAt: snapshot.issuedAt, expiresAt: snapshot.expiresAt, revokedKeys: snapshot.revokedKeys, reason: 0, since: snapshot.issuedAt };
  if (index2 >= snapshot.logSize) return { ...base2, state: "unregistered" };
  return { ...base2, index: index2, state: STATES[getStatus(snapshot.list, index2)] };
}
var STATES, MAX_SNAPSHOT_LIST_BYTES;
var init_answers = __esm({
  "src/registry/status/answers.ts"() {
    "use strict";
    init_dag_cbor();
    init_bytes2();
    init_domain();
    init_errors();
    init_bitstring();
    init_signed();
    STATES = ["valid", "suspended", "revoked", "withdrawn"];
    MAX_SNAPSHOT_LIST_BYTES = 16 * 1024 * 1024;
  }
});

// src/registry/statements.ts
function assertClient(registry) {
  if (typeof registry?.submit !== "function") {
    throw new TypeError('"registry" expected a registry client (createRegistry() or remoteRegistry(url))');
  }
}
async function lookupStatus(record, registry) {
  const commitment = commitmentOf(record.cid);
  const key = await registry.key();
  let other;
  for (const note of await registry.statusNotes(commitment, record.payload.iss)) {
    const opened = await openStatusNote(note, [key]);
    if (!bytesEqual(opened.commitment, commitment)) throw new CounterfoilError("ERR_MALFORMED", "registry answered about another commitment");
    const k = opened.status.revocationKey;
    if (k !== void 0 && record.payload.rev !== void 0 && bytesEqual(k, record.payload.rev.issuer)) return opened.status;
    other ??= opened.status;
  }
  if (other === void 0) throw new CounterfoilError("ERR_MALFORMED", "registry sent no status note");
  const { index: _i, head: _h, revocationKey: _k, ...rest } = other;
  return { ...rest, state: "unregistered", reason: 0, since: 0 };
}
async function revokeKey(options) {
  assertClient(options.registry);
  const key = await options.registry.key();
  const opened = await openCheckpoint(await options.registry.checkpoint(), [noteVerifier(options.registry.origin, publicKeyFromDid(key))], { origin: options.registry.origin });
  const from2 = options.from ?? opened.checkpoint.size;
  const entry = await signEntry({ t: "revoke-key", key: options.signer.did, from: from2, at: nowSeconds() }, options.signer);
  return options.registry.submit(entry);
}
var init_statements = __esm({
  "src/registry/statements.ts"() {
    "use strict";
    init_errors();
    init_time();
    init_bytes2();
    init_entries();
    init_note();
    init_signed_checkpoint();
    init_answers();
    init_did();
  }
});

// src/registry/status-check.ts
var status_check_exports = {};
__export(status_check_exports, {
  statusCheck: () => statusCheck
});
function matches2(record, status) {
  return status.revocationKey !== void 0 && record.payload.rev !== void 0 && bytesEqual(status.revocationKey, record.payload.rev.issuer);
}
async function fetchStatus(record, o, trusted) {
  const commitment = commitmentOf(record.cid);
  if (o.staple !== void 0) {
    const bytes2 = typeof o.staple === "string" ? fromBase64url(o.staple) : o.staple;
    const { commitment: c, status } = await openStatusNote(bytes2, trusted, "staple");
    if (!bytesEqual(c, commitment)) throw new CounterfoilError("ERR_MALFORMED", "the stapled status note is about another record");
    if (status.state !== "unregistered" && !matches2(record, status)) throw new CounterfoilError("ERR_MALFORMED", "the stapled status note is about another registration");
    return status;
  }
  if (o.snapshot !== void 0) {
    const snapshot = await openSnapshot(o.snapshot.bytes, trusted);
    const verifiers = trusted.map((did2) => noteVerifier(o.snapshot.origin, publicKeyFromDid(did2)));
    const parsed = parseProofFile(o.snapshot.proof);
    if (parsed.extra === void 0) throw new CounterfoilError("ERR_MALFORMED", "registration proof lacks the registration entry");
    const entry = decodeEntry(parsed.extra);
    if (entry.t !== "reg" || !bytesEqual(entry.c, commitment) || record.payload.rev === void 0 || !bytesEqual(entry.rev.issuer, record.payload.rev.issuer)) {
      throw new CounterfoilError("ERR_PROOF_INVALID", "registration proof is for another record");
    }
    const proven = await verifyProofFile(parsed, { leafHash: hashLeaf(parsed.extra), verifiers, origin: o.snapshot.origin });
    return snapshotStatus(snapshot, proven.index);
  }
  if (o.registry !== void 0) {
    if (o.statusPrivacy === "bucket") {
      const { matches: found, template } = await openBucket(await o.registry.bucket(commitment.subarray(0, 2)), trusted, commitment);
      return found.find((s) => matches2(record, s)) ?? template;
    }
    return lookupStatus(record, o.registry);
  }
  return void 0;
}
function ago(now, then) {
  const s = Math.max(0, now - then);
  return s < 120 ? `${s} s ago` : s < 7200 ? `${Math.round(s / 60)} min ago` : `${Math.round(s / 3600)} h ago`;
}
function statusCheck(o) {
  if (!wantsStatus(o)) return void 0;
  if (o.maxStatusAge !== void 0 && (!Number.isSafeInteger(o.maxStatusAge) || o.maxStatusAge < 0)) throw new RangeError('"maxStatusAge" expected non-negative integer seconds');
  const pinned = [...o.registryKeys ?? []];
  pinned.forEach((d) => publicKeyFromDid(d));
  if ((o.staple !== void 0 || o.snapshot !== void 0) && pinned.length === 0 && o.registry === void 0) {
    throw new TypeError('a staple or snapshot needs "registryKeys" (or a "registry") to say whose signature to trust');
  }
  return async (record, now, skew, findings) => {
    if (record.payload.rev === void 0) {
      if (o.requireRegistration === true) findings.fail("status", "ERR_NOT_REGISTERED", "the record is not revocable, so it cannot be registered");
      return;
    }
    let status;
    try {
      const trusted = o.registry === void 0 ? pinned : [...pinned, await o.registry.key()];
      status = await fetchStatus(record, o, trusted);
    } catch (e) {
      if (!(e instanceof CounterfoilError)) throw e;
      const code = e.code === "ERR_REGISTRY_UNAVAILABLE" || e.code === "ERR_OVERLOADED" ? "ERR_STATUS_UNAVAILABLE" : e.code;
      findings.fail("status", code, `status unavailable: ${e.message.replace(/^counterfoil: /, "")}`);
      return;
    }
    if (status === void 0) {
      if (o.requireRegistration === true) findings.fail("status", "ERR_STATUS_UNAVAILABLE", "no status source given, and registration is required");
      return;
    }
    const age = `${status.source} answer from ${status.registry.slice(0, 20)}\u2026, made ${ago(now, status.issuedAt)}`;
    if (now - skew >= status.expiresAt) return findings.fail("status", "ERR_STATUS_STALE", `${age}, expired ${ago(now, status.expiresAt)}`);
    if (o.maxStatusAge !== void 0 && now - status.issuedAt > o.maxStatusAge) {
      return findings.fail("status", "ERR_STATUS_STALE", `${age}: older than the ${o.maxStatusAge} s allowed`);
    }
    const keyRevoked = status.revokedKeys.find((k) => k.did === record.payload.iss);
    if (keyRevoked !== void 0 && (status.index === void 0 || status.index >= keyRevoked.from)) {
      return findings.fail("status", "ERR_KEY_REVOKED", `the issuer's key was revoked from log position ${keyRevoked.from}, and this record ${status.index === void 0 ? "is not registered before it" : `was registered at ${status.index}`}`);
    }
    if (status.state === "unregistered") {
      if (o.requireRegistration === true) findings.fail("status", "ERR_NOT_REGISTERED", `not registered (${age})`);
      else findings.pass("status", `not registered (${age})`);
      return;
    }
    const bad = STATE_ERRORS[status.state];
    if (bad !== void 0) return findings.fail("status", bad[0], `${bad[1]} since ${new Date(status.since * 1e3).toISOString()} (${age})`);
    findings.pass("status", `registered at log index ${status.index}, valid (${age})`);
  };
}
var STATE_ERRORS;
var init_status_check = __esm({
  "src/registry/status-check.ts"() {
    "use strict";
    init_bytes2();
    init_multibase();
    init_errors();
    init_did();
    init_entries();
    init_merkle();
    init_note();
    init_proof_file();
    init_status_options();
    init_statements();
    init_answers();
    STATE_ERRORS = {
      revoked: ["ERR_REVOKED", "revoked by its issuer"],
      suspended: ["ERR_SUSPENDED", "suspended by its issuer"],
      withdrawn: ["ERR_WITHDRAWN", "withdrawn by its holder"]
    };
  }
});

// src/holder/succession.ts
var succession_exports = {};
__export(succession_exports, {
  MAX_SUCCESSION_HOPS: () => MAX_SUCCESSION_HOPS,
  followSuccession: () => followSuccession,
  openSuccession: () => openSuccession,
  rotateKey: () => rotateKey,
  signSuccession: () => signSuccession,
  trustWithSuccession: () => trustWithSuccession
});
function invalid3(message) {
  return new CounterfoilError("ERR_SUCCESSION_INVALID", message);
}
function assertSigner2(signer) {
  const s = signer;
  if (typeof s?.did !== "string" || typeof s.sign !== "function") throw new TypeError('"signer" expected a Signer');
}
async function signSuccession(options) {
  assertSigner2(options.signer);
  publicKeyFromDid(options.successor);
  const fields = { t: "succession", old: options.signer.did, new: options.successor, from: options.from ?? 0, at: options.at ?? nowSeconds() };
  const bytes2 = await signEntry(fields, options.signer);
  decodeEntry(bytes2);
  return bytes2;
}
async function openSuccession(input) {
  const bytes2 = typeof input === "string" ? fromBase64url(input) : input;
  if (!(bytes2 instanceof Uint8Array)) throw new TypeError('"input" expected Uint8Array or string');
  const entry = decodeEntry(bytes2);
  if (entry.t !== "succession") throw invalid3(`expected a succession statement, got a "${entry.t}" entry`);
  if (!await checkEntrySignature(entry, publicKeyFromDid(entry.old))) throw invalid3(`succession ${entry.old} \u2192 ${entry.new} is not signed by the old key`);
  return { old: entry.old, new: entry.new, from: entry.from, at: entry.at, bytes: bytes2 };
}
async function logSize(registry) {
  const key = await registry.key();
  const opened = await openCheckpoint(await registry.checkpoint(), [noteVerifier(registry.origin, publicKeyFromDid(key))], { origin: registry.origin });
  return opened.checkpoint.size;
}
async function rotateKey(options) {
  assertSigner2(options.signer);
  if (typeof options.registry?.submit !== "function") throw new TypeError('"registry" expected a registry client');
  const from2 = await logSize(options.registry);
  const statement = await signSuccession({ signer: options.signer, successor: options.successor, from: from2 });
  const succession = await options.registry.submit(statement);
  if (options.retire !== true) return { succession };
  const revocation = await revokeKey({ signer: options.signer, registry: options.registry, from: succession.index + 1 });
  return { succession, revocation };
}
async function registryFacts(registry, did2, tree) {
  if (registry.keyHistory === void 0) throw invalid3("this registry client cannot list key histories");
  if (tree === void 0) {
    const key = await registry.key();
    const opened = await openCheckpoint(await registry.checkpoint(), [noteVerifier(registry.origin, publicKeyFromDid(key))], { origin: registry.origin });
    tree = { size: opened.checkpoint.size, root: opened.checkpoint.rootHash };
  }
  const proven = tree;
  let successor;
  let revokedFrom;
  for (const { index: index2, entry: bytes2 } of await registry.keyHistory(did2)) {
    if (index2 >= proven.size) continue;
    const entry = decodeEntry(bytes2);
    const about = entry.t === "succession" ? entry.old : entry.t === "revoke-key" ? entry.key : void 0;
    if (about !== did2) throw invalid3(`registry listed an unrelated entry at ${index2} for ${did2}`);
    if (!verifyInclusion(hashLeaf(bytes2), index2, proven.size, await registry.inclusionProof(index2, proven.size), proven.root)) {
      throw new CounterfoilError("ERR_PROOF_INVALID", `log entry ${index2} is not in the registry's signed log`);
    }
    if (!await checkEntrySignature(entry, publicKeyFromDid(did2))) throw invalid3(`log entry ${index2} is not signed by ${did2}`);
    if (entry.t === "revoke-key") revokedFrom ??= entry.from;
    else if (entry.t === "succession") successor ??= { old: entry.old, new: entry.new, from: entry.from, at: entry.at, index: index2, bytes: bytes2 };
  }
  if (successor !== void 0 && revokedFrom !== void 0 && successor.index >= revokedFrom) successor = void 0;
  return { facts: { ...successor === void 0 ? {} : { successor }, ...revokedFrom === void 0 ? {} : { revokedFrom } }, tree: proven };
}
async function followSuccession(options) {
  const { from: from2, to, source } = options;
  const maxHops = options.maxHops ?? MAX_SUCCESSION_HOPS;
  if (!Number.isSafeInteger(maxHops) || maxHops < 0) throw new RangeError(`"maxHops" expected a non-negative integer, got ${maxHops}`);
  const chain = [from2];
  if (from2 === to) return { found: true, chain };
  try {
    let next;
    if (Array.isArray(source)) {
      const byOld = /* @__PURE__ */ new Map();
      for (const s of await Promise.all(source.map((b) => openSuccession(b)))) {
        const prior = byOld.get(s.old);
        if (prior !== void 0 && prior.new !== s.new) throw invalid3(`${s.old} names two successors (${prior.new}, ${s.new})`);
        byOld.set(s.old, s);
      }
      next = async (did2) => byOld.get(did2);
    } else {
      const registry = source;
      let tree;
      next = async (did2) => {
        const read2 = await registryFacts(registry, did2, tree);
        tree = read2.tree;
        return read2.facts.successor;
      };
    }
    const seen = new Set(chain);
    for (let hop = 0; hop < maxHops; hop++) {
      const s = await next(chain[chain.length - 1]);
      if (s === void 0) return { found: false, chain };
      if (seen.has(s.new)) {
        return { found: false, chain, error: { code: "ERR_SUCCESSION_LOOP", message: `succession loop: ${s.old} \u2192 ${s.new} returns to a key already in the chain` } };
      }
      chain.push(s.new);
      seen.add(s.new);
      if (s.new === to) return { found: true, chain };
    }
    return { found: false, chain, error: { code: "ERR_SUCCESSION_INVALID", message: `succession chain longer than ${maxHops} hops` } };
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e;
    return { found: false, chain, error: { code: e.code, message: e.message } };
  }
}
function rootsFor(trusted, type) {
  if (Array.isArray(trusted)) return [...trusted];
  const byType = trusted;
  const own = (k) => Object.prototype.hasOwnProperty.call(byType, k) ? byType[k] : [];
  return [...own(type), ...own("*")];
}
function trustWithSuccession(trusted, source) {
  if (typeof trusted === "function") return trusted;
  const walks = /* @__PURE__ */ new Map();
  const reaches = (root, issuer) => {
    const k = `${root} ${issuer}`;
    let walk = walks.get(k);
    if (walk === void 0) walks.set(k, walk = followSuccession({ from: root, to: issuer, source }).then((p) => p.found));
    return walk;
  };
  return async (issuer, type) => {
    const roots = rootsFor(trusted, type);
    if (roots.includes(issuer)) return true;
    for (const root of roots) {
      if (await reaches(root, issuer)) return true;
    }
    return false;
  };
}
var MAX_SUCCESSION_HOPS;
var init_succession = __esm({
  "src/holder/succession.ts"() {
    "use strict";
    init_multibase();
    init_errors();
    init_did();
    init_time();
    init_entries();
    init_merkle();
    init_note();
    init_signed_checkpoint();
    init_statements();
    MAX_SUCCESSION_HOPS = 8;
  }
});

// src/record/verify-disclosed.ts
var verify_disclosed_exports = {};
__export(verify_disclosed_exports, {
  verifyDisclosed: () => verifyDisclosed,
  withDisclosureSummary: () => withDisclosureSummary
});
function describe(s) {
  const shown = s.disclosed.length === 0 ? "no claim disclosed" : `disclosed ${s.disclosed.join(", ")}`;
  const named = s.withheld.length === 0 ? "" : `; withheld ${s.withheld.join(", ")}`;
  return `${shown}${named}; ${s.undisclosed} other digest(s) not shown (withheld claims or decoys)`;
}
async function verifyDisclosed(input, options = {}, extra) {
  let shown;
  try {
    shown = decodeDisclosedRecord(input, options.maxBytes === void 0 ? {} : { maxBytes: options.maxBytes });
  } catch (e) {
    if (!(e instanceof CounterfoilError)) throw e;
    const findings = new Findings();
    findings.fail("decode", e.code, e.message);
    return findings.result();
  }
  let summary;
  const check = async (record, now, skew, findings) => {
    try {
      summary = applyDisclosures(record.payload, shown.disclosures, shown.withheld);
      findings.pass("disclosure", describe(summary));
    } catch (e) {
      if (!(e instanceof CounterfoilError)) throw e;
      findings.fail("disclosure", e.code, e.message);
    }
    if (extra !== void 0) await extra(record, now, skew, findings);
  };
  const result = await verify(shown.record, options, check);
  return summary === void 0 ? result : { ...result, disclosure: summary };
}
function withDisclosureSummary(result) {
  const payload = result.record?.payload;
  if (payload?.sd === void 0 || result.disclosure !== void 0) return result;
  return { ...result, disclosure: applyDisclosures(payload, []) };
}
var init_verify_disclosed = __esm({
  "src/record/verify-disclosed.ts"() {
    "use strict";
    init_errors();
    init_disclosed_record();
    init_disclosure();
    init_verify();
  }
});

// src/record/issue.ts
init_dag_cbor();
init_cid2();
init_errors();
init_ed255192();
init_envelope();
init_disclosed_record();
init_disclosure();
init_payload();
init_revocation_key();
init_time();
function randomSalt() {
  return crypto.getRandomValues(new Uint8Array(SALT_LENGTH));
}
async function signAs(signer, cidInput) {
  let signature;
  try {
    signature = await signer.sign(cidInput);
  } catch (e) {
    if (e instanceof CounterfoilError) throw e;
    throw new CounterfoilError("ERR_SIGNER_FAILED", `signer ${signer.did} failed`, { cause: e });
  }
  if (!(signature instanceof Uint8Array) || signature.length !== 64 || !await verifyEd25519(signer.publicKey, cidInput, signature)) {
    throw new CounterfoilError("ERR_SIGNER_FAILED", `signer ${signer.did} returned an invalid signature`);
  }
  return signature;
}
function assertSigner(signer) {
  const s = signer;
  if (typeof s !== "object" || s === null || typeof s.did !== "string" || typeof s.sign !== "function" || !(s.publicKey instanceof Uint8Array)) {
    throw new TypeError('"signer" expected a Signer ({ did, publicKey, sign }); make one with signerFromSeed()');
  }
}
async function issue(options) {
  if (typeof options !== "object" || options === null) throw new TypeError('"options" expected an object');
  const { signer } = options;
  assertSigner(signer);
  if (options.expiresIn !== void 0 && options.validUntil !== void 0) {
    throw new TypeError('pass either "expiresIn" or "validUntil", not both');
  }
  const iat = options.issuedAt === void 0 ? nowSeconds() : toSeconds(options.issuedAt, "issuedAt");
  const salt = randomSalt();
  const fields = {
    v: 1,
    type: options.type,
    iss: signer.did,
    sub: options.subject,
    iat,
    claims: options.claims,
    salt
  };
  if (options.notBefore !== void 0) fields.nbf = toSeconds(options.notBefore, "notBefore");
  if (options.expiresIn !== void 0) {
    if (!Number.isSafeInteger(options.expiresIn) || options.expiresIn <= 0) {
      throw new RangeError(`"expiresIn" expected a positive integer number of seconds, got ${options.expiresIn}`);
    }
    fields.exp = iat + options.expiresIn;
  }
  if (options.validUntil !== void 0) fields.exp = toSeconds(options.validUntil, "validUntil");
  const { disclosable, decoys } = options;
  const redaction = disclosable === void 0 ? void 0 : redactClaims(options.claims, disclosable, salt, decoys);
  if (redaction !== void 0) {
    fields.claims = redaction.claims;
    fields.sd = redaction.digests;
  }
  if (options.registry !== void 0) fields.reg = options.registry;
  if (options.revocable ?? options.registry !== void 0) {
    const { publicKey } = await deriveRevocationKey(signer, salt);
    fields.rev = options.holderKey === void 0 ? { issuer: publicKey } : { issuer: publicKey, holder: options.holderKey };
  } else if (options.holderKey !== void 0) {
    throw new TypeError('"holderKey" needs a revocable record: pass "registry" or "revocable: true"');
  }
  const payloadBytes = encodeCbor(fields);
  const payload = parsePayload(decodeCbor(payloadBytes));
  const signature = await signAs(signer, signingInput(cidBytesOf(payloadBytes)));
  const record = assembleRecord(payloadBytes, payload, [{ signer: signer.did, signature }]);
  return redaction === void 0 ? record : new DisclosedRecord(record, redaction.disclosures);
}

// src/keys/signer.ts
init_did();
init_ed255192();
init_strict();
async function keyPairFromSeed(seed) {
  assertBytesArg(seed, "seed", SEED_LENGTH);
  const own = seed.slice();
  const publicKey = await publicKeyFromSeed(own);
  return Object.freeze({ seed: own, publicKey, did: didFromPublicKey(publicKey) });
}
async function signerFromSeed(seed) {
  const { seed: own, publicKey, did: did2 } = await keyPairFromSeed(seed);
  return Object.freeze({
    did: did2,
    publicKey,
    sign: (message) => signEd25519(own, message)
  });
}

// ../../tmp/micro/m.ts
init_envelope();
init_multibase();
init_dag_cbor_decode();
init_payload();
init_cid2();
init_did();

// src/verify.ts
init_disclosed_form();
init_verify();
init_status_options();
async function statusHook(options) {
  if (!wantsStatus(options)) return void 0;
  const { statusCheck: statusCheck2 } = await Promise.resolve().then(() => (init_status_check(), status_check_exports));
  return statusCheck2(options);
}
function isDisclosedObject(input) {
  return typeof input === "object" && input !== null && "disclosures" in input && "record" in input;
}
function followsSuccession(options) {
  const trusted = options.trustedIssuers;
  if (trusted === void 0 || typeof trusted === "function" || options.followSuccessions === false) return false;
  return options.successions !== void 0 || options.registry?.keyHistory !== void 0;
}
async function withSuccession(options) {
  const trusted = options.trustedIssuers;
  if (!followsSuccession(options) || trusted === void 0 || typeof trusted === "function") return options;
  const { trustWithSuccession: trustWithSuccession2 } = await Promise.resolve().then(() => (init_succession(), succession_exports));
  return { ...options, trustedIssuers: trustWithSuccession2(trusted, options.successions ?? options.registry) };
}
async function verify2(input, options = {}) {
  const status = wantsStatus(options) ? await statusHook(options) : void 0;
  const opts = followsSuccession(options) ? await withSuccession(options) : options;
  const disclosed = typeof input === "string" || input instanceof Uint8Array ? looksDisclosed(input) : isDisclosedObject(input);
  if (disclosed) {
    const { verifyDisclosed: verifyDisclosed2 } = await Promise.resolve().then(() => (init_verify_disclosed(), verify_disclosed_exports));
    return verifyDisclosed2(input, opts, status);
  }
  const result = await verify(input, opts, status);
  if (result.record?.payload.sd === void 0) return result;
  const { withDisclosureSummary: withDisclosureSummary2 } = await Promise.resolve().then(() => (init_verify_disclosed(), verify_disclosed_exports));
  return withDisclosureSummary2(result);
}

// ../../tmp/micro/m.ts
init_ed255192();
var seedOf = (tag) => Uint8Array.from({ length: 32 }, (_, i) => tag * 31 + i * 7 + 1 & 255);
var CLAIMS = {
  order: "ORD-2026-118734",
  store: { name: "Kettle & Co", address: "12 Rue de la Paix, 75002 Paris", vatId: "FR40303265045" },
  items: [{ sku: "KETTLE-2", name: "Electric kettle 1.7 l, brushed steel", qty: 1, price: 3990 }, { sku: "FILTER-10", name: "Limescale filter, pack of 10", qty: 2, price: 799 }],
  currency: "EUR",
  total: 5588,
  vat: 931,
  payment: "card"
};
var IAT = 1767225600;
var NOW = IAT + 86400;
var shop = await signerFromSeed(seedOf(1));
var customer = await signerFromSeed(seedOf(2));
var others = await Promise.all([3, 4].map(async (t2) => (await signerFromSeed(seedOf(t2))).did));
var trustedIssuers = [...others, shop.did];
var rec = await issue({ signer: shop, subject: customer.did, type: "purchase", claims: CLAIMS, issuedAt: IAT, expiresIn: 2 * 365 * 86400 });
var text = rec.toString();
var node = await selectBackend("node");
var bytes = fromBase64url(text);
var env = decodeDagCbor(bytes, 64, false);
var pb = env.payload;
var msg = signingInput(rec.cidBytes);
var sig = rec.signatures[0].signature;
var pk = shop.publicKey;
var sink;
function t(label, fn, n = 5e4) {
  for (let i = 0; i < n / 10; i++) sink = fn();
  let best = 1e9;
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    for (let i = 0; i < n; i++) sink = fn();
    best = Math.min(best, performance.now() - s);
  }
  console.log(label.padEnd(28), (best * 1e3 / n).toFixed(2), "\xB5s");
}
async function ta(label, fn, n = 5e3) {
  for (let i = 0; i < n / 10; i++) sink = await fn();
  let best = 1e9;
  for (let r = 0; r < 7; r++) {
    const s = performance.now();
    for (let i = 0; i < n; i++) sink = await fn();
    best = Math.min(best, performance.now() - s);
  }
  console.log(label.padEnd(28), (best * 1e3 / n).toFixed(2), "\xB5s");
}
console.log("text", text.length, "bytes", bytes.length, "payload", pb.length);
t("fromBase64url", () => fromBase64url(text));
t("Buffer.from b64url", () => Buffer.from(text.slice(1), "base64url"));
t("envelope decode", () => decodeDagCbor(bytes, 64, false));
t("payload decode", () => decodeDagCbor(pb, 64, false));
var pv = decodeDagCbor(pb, 64, false);
t("parsePayload", () => parsePayload(pv));
t("cidBytesOf", () => cidBytesOf(pb));
t("sharedPublicKeyFromDid", () => sharedPublicKeyFromDid(shop.did));
t("decodeRecord(text)", () => decodeRecord(text));
t("signingInput", () => signingInput(rec.cidBytes));
await ta("raw node verify", () => node.verify(pk, msg, sig));
await ta("verifyEd25519", () => verifyEd25519(pk, msg, sig));
await ta("verify", () => verify2(text, { trustedIssuers, now: NOW }));
await ta("raw node verify", () => node.verify(pk, msg, sig));
await ta("verify", () => verify2(text, { trustedIssuers, now: NOW }));
var decoded = decodeRecord(text);
await ta("verify(decoded)", () => verify2(decoded, { trustedIssuers, now: NOW }));
var { verify: verifyRecordOnly } = await Promise.resolve().then(() => (init_verify(), verify_exports));
await ta("record/verify(text)", () => verifyRecordOnly(text, { trustedIssuers, now: NOW }));
await ta("record/verify(decoded)", () => verifyRecordOnly(decoded, { trustedIssuers, now: NOW }));
var fake = async (pk2, m, s) => true;
var { runRecordChecks: runRecordChecks2 } = await Promise.resolve().then(() => (init_verify(), verify_exports));
var settings = { now: NOW, skew: 60, trustedIssuers, requiredSigners: [], maxBytes: void 0 };
await ta("runRecordChecks fake sig", () => runRecordChecks2(decoded, settings, fake), 1e5);
await ta("runRecordChecks text fake", () => runRecordChecks2(text, settings, fake), 1e5);
var { isWellFormedPublicKey: isWellFormedPublicKey2, isWellFormedSignature: isWellFormedSignature2 } = await Promise.resolve().then(() => (init_strict(), strict_exports));
t("wellformed pk+sig", () => isWellFormedPublicKey2(pk) && isWellFormedSignature2(sig));
t("record.id fresh", () => decodeRecord(text).id);
await ta("raw node verifyConcurrent x1", () => node.verifyConcurrent(pk, msg, sig));
await ta("raw node verify", () => node.verify(pk, msg, sig));
var { cidText: cidText2 } = await Promise.resolve().then(() => (init_cid2(), cid_exports));
t("cidText", () => cidText2(rec.cidBytes));
t("decodeRecord(text) again", () => decodeRecord(text));
t("record.id fresh again", () => decodeRecord(text).id);
{
  const texts = [];
  for (let i = 0; i < 1e4; i++) texts.push((await issue({ signer: shop, subject: i % 2 ? customer.did : shop.did, type: "purchase", claims: CLAIMS, issuedAt: IAT, expiresIn: 2 * 365 * 86400 })).toString());
  const many = async (vs) => {
    const results = new Array(texts.length);
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        const i = next++;
        const { findings, record } = await runRecordChecks2(texts[i], settings, vs);
        results[i] = findings.result(record);
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    return results;
  };
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    const s = performance.now();
    await many(fake);
    const dt = performance.now() - s;
    const c = process.cpuUsage(c0);
    console.log("many fake", (dt * 1e3 / 1e4).toFixed(2), "\xB5s/rec wall", ((c.user + c.system) / 1e4).toFixed(2), "cpu");
  }
  const dropped = async (vs) => {
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        const i = next++;
        const { findings, record } = await runRecordChecks2(texts[i], settings, vs);
        findings.result(record);
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
  };
  for (let r = 0; r < 5; r++) {
    const c0 = process.cpuUsage();
    const s = performance.now();
    await dropped(fake);
    const dt = performance.now() - s;
    const c = process.cpuUsage(c0);
    console.log("many fake dropped", (dt * 1e3 / 1e4).toFixed(2), "\xB5s/rec wall", ((c.user + c.system) / 1e4).toFixed(2), "cpu");
  }
  for (let r = 0; r < 3; r++) {
    const s = performance.now();
    for (const x of texts) decodeRecord(x);
    console.log("decode only", ((performance.now() - s) * 1e3 / 1e4).toFixed(2));
  }
}
await ta("decode+raw", async () => {
  const r = decodeRecord(text);
  return node.verify(pk, signingInput(r.cidBytes), r.signatures[0].signature);
});
await ta("verify", () => verify2(text, { trustedIssuers, now: NOW }));
await ta("raw node verify", () => node.verify(pk, msg, sig));
await ta("decode+raw", async () => {
  const r = decodeRecord(text);
  return node.verify(pk, signingInput(r.cidBytes), r.signatures[0].signature);
});
await ta("verify", () => verify2(text, { trustedIssuers, now: NOW }));
await ta("raw node verify", () => node.verify(pk, msg, sig));
/*! Bundled license information:

@noble/ed25519/index.js:
  (*! noble-ed25519 - MIT License (c) 2019 Paul Miller (paulmillr.com) *)
*/
