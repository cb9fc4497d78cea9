// Prints reference data for java.lang.Float (JDK 17), used by tests/java/test_java_floats.py;
// run through regen.sh.
//   floats.tsv:          "<raw int bits in hex>\t<Float.toString(f)>\t<Float.toHexString(f)>"
//                        for about 20,000 floats: special values, boundaries, subnormals,
//                        powers of ten and two with their neighbours, short decimals, random bits.
//   float_rounding.tsv:  "<kind>\t<input>\t<raw int bits in hex>": the float a value rounds to,
//                        kind "long" ((float) long), "bigint" (BigInteger.floatValue()),
//                        "bigdec" (BigDecimal.floatValue()), "parse" (Float.parseFloat),
//                        "double" ((float) double, input as raw long bits in hex).
import java.io.*;
import java.math.*;
import java.util.*;

public class FloatToString {
    static final LinkedHashSet<Float> values = new LinkedHashSet<>();
    static final List<Integer> rawBits = new ArrayList<>();

    static void add(float f) {
        if (values.add(f)) rawBits.add(Float.floatToRawIntBits(f));
    }

    static void addWithNeighbours(float f) {
        add(f); add(Math.nextUp(f)); add(Math.nextDown(f));
    }

    public static void main(String[] args) throws IOException {
        add(0.0f); add(-0.0f); add(Float.NaN); add(Float.POSITIVE_INFINITY); add(Float.NEGATIVE_INFINITY);
        addWithNeighbours(Float.MIN_VALUE); addWithNeighbours(Float.MIN_NORMAL);
        addWithNeighbours(Float.MAX_VALUE); addWithNeighbours(-Float.MAX_VALUE);
        for (int e = -46; e <= 38; e++) {
            addWithNeighbours(Float.parseFloat("1e" + e));
            add(Float.parseFloat("2e" + e)); add(Float.parseFloat("5e" + e));
            add(Float.parseFloat("9.999999e" + e)); add(Float.parseFloat("1.2345678e" + e));
        }
        for (int e = -149; e <= 127; e++) { add(Math.scalb(1.0f, e)); if (e % 5 == 0) addWithNeighbours(Math.scalb(1.0f, e)); }
        for (int i = 0; i <= 2000; i++) add((float) i);
        for (int i = 0; i <= 1000; i++) { add(i / 10.0f); add(i / 100.0f); add(i / 1000.0f); add(i * 0.1f); add(i * 1.1f); }
        for (int i = 1; i <= 200; i++) { add(1.0f / i); add(2.0f / 3 * i); add((float) Math.sqrt(i)); }
        add(16777216f); add(16777217f); add(123456.789f); add(12345678.9f); add(9999999.0f); add(1.0e7f);
        add(0.001f); add(0.0001f); add(0.1f + 0.2f);
        Random r = new Random(20261204L);
        for (int i = 0; i < 6000; i++) add(Float.intBitsToFloat(r.nextInt()));
        for (int i = 0; i < 2000; i++) add(Float.intBitsToFloat(r.nextInt(1 << 23)));  // subnormals
        for (int i = 0; i < 2000; i++) add(r.nextInt(100000) / (float) Math.pow(10, r.nextInt(8)));
        try (PrintStream out = new PrintStream(new FileOutputStream("floats.tsv"), false, "US-ASCII")) {
            for (int bits : rawBits) {
                float f = Float.intBitsToFloat(bits);
                out.print(Integer.toHexString(bits) + "\t" + Float.toString(f) + "\t" + Float.toHexString(f) + "\n");
            }
        }
        try (PrintStream out = new PrintStream(new FileOutputStream("float_rounding.tsv"), false, "US-ASCII")) {
            long[] longs = {0, 1, -1, 16777217, 16777219, Long.MAX_VALUE, Long.MIN_VALUE, (1L << 53) + 1, 9007199254740993L};
            for (long v : longs) out.print("long\t" + v + "\t" + Integer.toHexString(Float.floatToRawIntBits((float) v)) + "\n");
            for (int i = 0; i < 2000; i++) {
                long v = r.nextLong() >> r.nextInt(63);
                out.print("long\t" + v + "\t" + Integer.toHexString(Float.floatToRawIntBits((float) v)) + "\n");
            }
            String[] bigs = {"340282356779733661637539395458142568448", "340282356779733661637539395458142568447",
                             "340282346638528859811704183484516925440", "-340282366920938463463374607431768211456"};
            for (String s : bigs) out.print("bigint\t" + s + "\t" + Integer.toHexString(Float.floatToRawIntBits(new BigInteger(s).floatValue())) + "\n");
            for (int i = 0; i < 1000; i++) {
                BigInteger v = new BigInteger(60 + r.nextInt(80), r);
                if (r.nextBoolean()) v = v.negate();
                out.print("bigint\t" + v + "\t" + Integer.toHexString(Float.floatToRawIntBits(v.floatValue())) + "\n");
            }
            for (int i = 0; i < 2000; i++) {
                BigDecimal v = new BigDecimal(new BigInteger(1 + r.nextInt(90), r), r.nextInt(100) - 50);
                if (r.nextBoolean()) v = v.negate();
                out.print("bigdec\t" + v + "\t" + Integer.toHexString(Float.floatToRawIntBits(v.floatValue())) + "\n");
            }
            // Long fractions (a request body's number): the digits far down decide a tie.
            String ones = "1".repeat(5000);
            String tie = new BigDecimal(16777217).toString();  // halfway between two floats
            String[] longDecimals = {"0." + ones, ones + "E-4990", tie + "." + "0".repeat(4000) + "1",
                                     tie + "." + "0".repeat(4000), "-" + tie + "." + "0".repeat(300) + "1"};
            for (String s : longDecimals) out.print("bigdec\t" + s + "\t" + Integer.toHexString(Float.floatToRawIntBits(new BigDecimal(s).floatValue())) + "\n");
            String[] texts = {"0.1", "-0.0", " 1.5f ", "1e39", "3.4028235e38", "3.4028236e38", "1e-45", "7e-46", "7.1e-46",
                              "0x1.fffffep127", "0x1.ffffffp127", "0x1.000001p0", "0x1.0000010000000001p0", "0x1p-150",
                              "0x1.000001p-150", "1.00000017881393421514957253748434595763683319091796875001", "NaN", "-Infinity"};
            for (String s : texts) out.print("parse\t" + s + "\t" + Integer.toHexString(Float.floatToRawIntBits(Float.parseFloat(s))) + "\n");
            for (int i = 0; i < 2000; i++) {
                String s = new BigInteger(1 + r.nextInt(90), r).toString();
                s = s.charAt(0) + "." + s.substring(1) + "e" + (r.nextInt(100) - 55);
                out.print("parse\t" + s + "\t" + Integer.toHexString(Float.floatToRawIntBits(Float.parseFloat(s))) + "\n");
            }
            for (int i = 0; i < 3000; i++) {
                long bits = r.nextLong();
                double d = Double.longBitsToDouble(bits);
                if (Double.isNaN(d)) continue;
                out.print("double\t" + Long.toHexString(bits) + "\t" + Integer.toHexString(Float.floatToRawIntBits((float) d)) + "\n");
            }
        }
    }
}
