/*
 * Batch renderer for the API Gateway differential fuzzer (conformance/tools/fuzz_apigw.py):
 * renders many (template, event) pairs in one JVM with ApigwRecorder.render, i.e. exactly
 * the recorder's setup ($input/$util/$context/$stageVariables on the real libraries,
 * Velocity 1.7 under the apigateway profile, a fresh engine per render).
 *
 * Usage: java -cp recorder/build/apigw:tools/build:JARS FuzzApigwBatch [--stream] < in.jsonl > out.jsonl
 *   in:  one JSON array per line: [template, eventJsonText]
 *   out: one JSON array per line: [kind, text, overrides] where kind is "ok" (text = output),
 *        "error" (text = "class: message"), "throwable" or "timeout"; overrides is the
 *        recorder's overrides.apigateway.json text or null.
 */

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public final class FuzzApigwBatch {

    @SuppressWarnings("unchecked")
    static String one(String line) {
        try {
            List<Object> pair = (List<Object>) new Recorder.Json(line).parseDocument();
            String template = (String) pair.get(0);
            Map<String, Object> event = (Map<String, Object>) new Recorder.Json((String) pair.get(1)).parseDocument();
            ApigwRecorder.Outcome o = ApigwRecorder.render(template, event);
            String ov = o.overrides() == null ? "null" : Recorder.Json.quote(o.overrides());
            if (o.output() != null) return "[\"ok\"," + Recorder.Json.quote(o.output()) + "," + ov + "]";
            return "[\"error\"," + Recorder.Json.quote(o.error()) + ",null]";
        } catch (Throwable t) {
            return "[\"throwable\"," + Recorder.Json.quote(t.getClass().getName() + ": " + t.getMessage()) + ",null]";
        }
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (args.length > 0 && args[0].equals("--stream")) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(one(line));
                out.flush();
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) if (!line.isEmpty()) lines.add(line);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "fuzz", 64L << 20);
            t.setDaemon(true);
            return t;
        });
        List<Future<String>> results = new ArrayList<>();
        for (String l : lines) results.add(pool.submit(() -> one(l)));
        for (Future<String> f : results) {
            String line;
            try {
                line = f.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                line = "[\"timeout\",\"\",null]";
            }
            out.println(line);
        }
        out.flush();
        System.exit(0);
    }
}
