// Prints "<raw long bits in hex>\t<Double.toString(d)>" for about 27,000 doubles: special values,
// boundaries, powers of ten and two with their neighbours, integers, short decimals,
// results of common arithmetic and random bit patterns (fixed seed).
// Used by tests/java/test_doubles.py; run through regen.sh.
import java.util.*;

public class DoubleToString {
    static final LinkedHashSet<Double> values = new LinkedHashSet<>();
    static final List<Long> rawBits = new ArrayList<>();

    static void add(double d) {
        if (values.add(d)) rawBits.add(Double.doubleToRawLongBits(d));
    }

    static void addWithNeighbours(double d) {
        add(d);
        add(Math.nextUp(d));
        add(Math.nextDown(d));
    }

    public static void main(String[] args) {
        add(0.0); add(Double.NaN); add(Double.POSITIVE_INFINITY);
        addWithNeighbours(Double.MIN_VALUE); addWithNeighbours(Double.MIN_NORMAL);
        addWithNeighbours(Double.MAX_VALUE);
        for (int e = -325; e <= 308; e++) {
            addWithNeighbours(Double.parseDouble("1e" + e));
            add(Double.parseDouble("2e" + e)); add(Double.parseDouble("5e" + e));
            add(Double.parseDouble("9.999999999999999e" + e));
            add(Double.parseDouble("1.2345678901234567e" + e));
        }
        for (int e = -1074; e <= 1023; e++) { add(Math.scalb(1.0, e)); if (e % 7 == 0) addWithNeighbours(Math.scalb(1.0, e)); }
        for (long i = 0; i <= 2000; i++) add((double) i);
        for (long i = 1; i < 64; i++) { addWithNeighbours((double) (1L << i)); add((double) ((1L << i) - 1)); }
        for (int i = 0; i <= 1000; i++) { add(i / 10.0); add(i / 100.0); add(i / 1000.0); add(i * 0.1); add(i * 1.1); }
        for (int i = 1; i <= 200; i++) { add(1.0 / i); add(2.0 / 3 * i); add(Math.sqrt(i)); }
        add(0.1 + 0.2); add(100.0 * 100000); add(12345678.9); add(0.0001); add(0.001); add(9999999.0);
        add(10000000.0); add(9999999.999999998); add(0.00099999999999999);
        add(-0.0); add(Double.NEGATIVE_INFINITY); add(-1.0); add(-2e23); add(-0.001); add(-1e7);
        add(-Double.MIN_VALUE); add(-Double.MAX_VALUE);
        Random r = new Random(20240601L);
        for (int i = 0; i < 8000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isNaN(d)) add(d);
        }
        for (int i = 0; i < 3000; i++) add(r.nextDouble() * Math.pow(10, r.nextInt(30) - 10));
        for (int i = 0; i < 2000; i++) add((double) r.nextLong());
        for (int i = 0; i < 2000; i++) add(r.nextInt(100000) / Math.pow(10, r.nextInt(8)));
        StringBuilder out = new StringBuilder();
        for (long bits : rawBits) {
            out.append(Long.toHexString(bits)).append('\t')
               .append(Double.toString(Double.longBitsToDouble(bits))).append('\n');
        }
        System.out.print(out);
    }
}
