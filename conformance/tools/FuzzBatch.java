/*
 * Batch renderer for differential fuzzing (conformance/tools/fuzz.py): renders many
 * templates with the real Velocity 1.7 jar in one JVM, under both profiles, with the
 * recorder's engine setup (Recorder.render: a fresh engine per render).
 *
 * Usage: java -cp recorder/build:tools/build:JARS FuzzBatch VARS.json [--stream] < in.jsonl > out.jsonl
 *   in:  one JSON string literal per line (a template)
 *   out: one line per template: [kind_velocity, text_velocity, kind_apigateway, text_apigateway]
 *        where kind is "ok" (text = output) or "error" (text = "class: message")
 * Templates are rendered on several threads; output keeps the input order.
 */

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

public final class FuzzBatch {

    static String one(String profile, String template, String varsText) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) new Recorder.Json(varsText).parseDocument();
            Recorder.Result r = Recorder.render(profile, template, vars);
            if (r.output() != null) {
                return "\"ok\"," + Recorder.Json.quote(r.output());
            }
            return "\"error\"," + Recorder.Json.quote(r.error());
        } catch (Throwable t) {
            return "\"throwable\"," + Recorder.Json.quote(t.getClass().getName() + ": " + t.getMessage());
        }
    }

    public static void main(String[] args) throws Exception {
        String varsText = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args.length > 1 && args[1].equals("--stream")) {
            // One template in, one result line out, flushed (for the minimiser).
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            for (String line; (line = in.readLine()) != null; ) {
                String t = (String) new Recorder.Json(line).parseDocument();
                out.println("[" + one("velocity", t, varsText) + "," + one("apigateway", t, varsText) + "]");
                out.flush();
            }
            return;
        }
        List<String> templates = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isEmpty()) {
                templates.add((String) new Recorder.Json(line).parseDocument());
            }
        }
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "fuzz", 64L << 20);
            t.setDaemon(true);
            return t;
        });
        List<Future<String>> results = new ArrayList<>();
        for (String t : templates) {
            results.add(pool.submit(() -> "[" + one("velocity", t, varsText) + ","
                                             + one("apigateway", t, varsText) + "]"));
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (Future<String> f : results) {
            String line;
            try {
                line = f.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                line = "[\"timeout\",\"\",\"timeout\",\"\"]";
            }
            out.println(line);
        }
        out.flush();
        System.exit(0);
    }
}
