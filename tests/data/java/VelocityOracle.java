// Renders test cases with the real Apache Velocity 1.7 jar on JDK 17 and records the output.
//
// Input: one JSON object per line: {"id": ..., "template": ..., "vars": {...}}.
// Values in "vars" are read by Jackson (objects -> LinkedHashMap, arrays -> ArrayList,
// integers -> Integer/Long/BigInteger by magnitude, decimals -> Double), except for
// one-key objects that stand for other Java values:
//   {"@double": "NaN" | "Infinity" | "-Infinity" | "-0.0"}  a Double
//   {"@array": [...]}        a String[] (an Object[] if an element is not a String)
//   {"@bigdecimal": "1.50"}  a java.math.BigDecimal
// Output: one JSON object per line: {"id": ..., "output": ...} or
// {"id": ..., "error": ..., "causes": [...]} where "error" is the exception's toString()
// (class: message) and "causes" its causes' (reflection wrappers left out).
//
// Run with tests/data/java/regen.sh.
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.*;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;

public class VelocityOracle {
    static Object convert(Object v) {
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if (m.size() == 1) {
                String k = (String) m.keySet().iterator().next();
                Object x = m.get(k);
                switch (k) {
                    case "@double": return Double.valueOf((String) x);
                    case "@bigdecimal": return new BigDecimal((String) x);
                    case "@array": {
                        List<?> l = (List<?>) x;
                        boolean strings = true;
                        for (Object e : l) if (e != null && !(e instanceof String)) strings = false;
                        Object[] arr = strings ? new String[l.size()] : new Object[l.size()];
                        for (int i = 0; i < l.size(); i++) arr[i] = convert(l.get(i));
                        return arr;
                    }
                    default: break;
                }
            }
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(e.getKey(), convert(e.getValue()));
            return out;
        }
        if (v instanceof List) {
            ArrayList<Object> out = new ArrayList<>();
            for (Object e : (List<?>) v) out.add(convert(e));
            return out;
        }
        return v;
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        // Escaping non-ASCII keeps lone surrogates (half of an emoji) visible in the output.
        json.getFactory().configure(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
        VelocityEngine engine = new VelocityEngine();
        engine.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        engine.init();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            Map<?, ?> c = json.readValue(line, LinkedHashMap.class);
            VelocityContext context = new VelocityContext();
            Map<?, ?> vars = (Map<?, ?>) c.get("vars");
            if (vars != null) {
                for (Map.Entry<?, ?> e : vars.entrySet()) {
                    Object value = convert(e.getValue());
                    if (value != null) context.put((String) e.getKey(), value);
                }
            }
            LinkedHashMap<String, Object> result = new LinkedHashMap<>();
            result.put("id", c.get("id"));
            try {
                StringWriter w = new StringWriter();
                engine.evaluate(context, w, "template", (String) c.get("template"));
                result.put("output", w.toString());
            } catch (Throwable t) {
                // The exception and its causes (the Java method's own exception is the last).
                result.put("error", t.toString());
                List<String> causes = new ArrayList<>();
                for (Throwable k = t.getCause(); k != null; k = k.getCause()) {
                    if (!(k instanceof java.lang.reflect.InvocationTargetException)) causes.add(k.toString());
                }
                result.put("causes", causes);
            }
            out.println(json.writeValueAsString(result));
        }
    }
}
