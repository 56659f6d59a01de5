package io.dqlite4j.client.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The few DER operations needed to rewrap a traditional private key (PKCS#1 or SEC1) as PKCS#8,
 * which is the only form the JDK's key factories read. Not a general ASN.1 library: it reads
 * definite-length TLVs and writes SEQUENCE, INTEGER 0, OID, NULL and OCTET STRING.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    /** {@code [0]} constructed, where SEC1 keeps the curve. */
    static final int CONTEXT_0 = 0xA0;

    /** rsaEncryption, 1.2.840.113549.1.1.1. */
    static final byte[] RSA_ENCRYPTION = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    static final byte[] EC_PUBLIC_KEY = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Der() {
    }

    /** One decoded element: its tag and where its value lies in {@code data}. */
    record Tlv(int tag, byte[] data, int valueStart, int valueEnd) {
        byte[] value() {
            return Arrays.copyOfRange(data, valueStart, valueEnd);
        }

        /** The element that follows this one in the same buffer, bounded by {@code end}. */
        Tlv next(int end) {
            return read(data, valueEnd, end);
        }

        /** The first element inside this (constructed) one. */
        Tlv first() {
            return read(data, valueStart, valueEnd);
        }

        boolean hasNext(int end) {
            return valueEnd < end;
        }
    }

    /**
     * Reads the element at {@code offset}, which must end at or before {@code end}.
     *
     * @throws IllegalArgumentException when the bytes are not well-formed DER
     */
    static Tlv read(byte[] data, int offset, int end) {
        if (offset + 2 > end) {
            throw new IllegalArgumentException("truncated DER element");
        }
        int tag = data[offset] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new IllegalArgumentException("unsupported DER tag");
        }
        int first = data[offset + 1] & 0xFF;
        int pos = offset + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 4 || pos + n > end) {
                throw new IllegalArgumentException("bad DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (data[pos++] & 0xFF);
            }
        }
        if (length > end - pos) {
            throw new IllegalArgumentException("DER element longer than its container");
        }
        return new Tlv(tag, data, pos, pos + (int) length);
    }

    static byte[] element(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /**
     * PKCS#8 PrivateKeyInfo: version 0, the algorithm identifier, and the traditional key as
     * an OCTET STRING.
     */
    static byte[] privateKeyInfo(byte[] algorithmIdentifier, byte[] traditionalKey) {
        return element(SEQUENCE, new byte[] {INTEGER, 1, 0}, algorithmIdentifier, element(OCTET_STRING, traditionalKey));
    }
}
