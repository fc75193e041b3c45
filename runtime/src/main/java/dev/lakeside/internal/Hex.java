package dev.lakeside.internal;

/** BLOB values: lower-case hex without prefix, the local lakehouse's encoding. */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Accepts either case, and an optional {@code \x} prefix per byte as DuckDB prints BLOBs. */
    public static byte[] decode(String hex) {
        String digits = hex.indexOf('\\') >= 0 ? hex.replace("\\x", "").replace("\\X", "") : hex;
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("expected an even number of hex digits, found " + digits.length());
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(digits, 2 * i) << 4) | digit(digits, 2 * i + 1));
        }
        return out;
    }

    private static int digit(String s, int index) {
        int d = Character.digit(s.charAt(index), 16);
        if (d < 0) {
            throw new IllegalArgumentException(
                    "expected a hex digit at index " + index + ", found '" + s.charAt(index) + "'");
        }
        return d;
    }
}
