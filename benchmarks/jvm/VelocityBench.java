/*
 * Benchmark driver for Apache Velocity 1.7 on the JVM (started by benchmarks/engines.py).
 *
 * It reuses the conformance recorder's Java model (conformance/recorder/src): the same
 * $input (Jayway JsonPath over the body), $context (HashMap), $util (Commons Lang) and
 * $stageVariables, built ONCE per case by ApigwRecorder.variables(event), and an engine
 * configured like Recorder.engine("apigateway"). The template is parsed once; each timed
 * render merges it into a fresh VelocityContext holding those variables.
 *
 *   java -cp BUILD:JARS VelocityBench ROUNDS MIN_SECONDS WARMUP_SECONDS T1.vm E1.json [T2.vm E2.json ...]
 *
 * Prints one JSON object a line per case: {"template", "output", "render_s", "render_best_s",
 * "compile_s", "compile_best_s"} (median and best seconds per call over ROUNDS rounds of
 * >= MIN_SECONDS, after WARMUP_SECONDS of calls to let the JIT compile), or
 * {"template", "error"}.
 */

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.node.SimpleNode;

public final class VelocityBench {

    interface Call { void run() throws Exception; }

    /** The engine Recorder.engine("apigateway") builds, as a RuntimeInstance (to parse once). */
    static RuntimeInstance runtime() throws Exception {
        Properties p = new Properties();
        p.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
        p.setProperty("runtime.introspector.uberspect",
                      "org.apache.velocity.util.introspection.UberspectImpl,"
                      + Recorder.AwsNullUberspector.class.getName());
        p.setProperty("eventhandler.referenceinsertion.class",
                      Recorder.AwsNullInsertion.class.getName());
        p.setProperty("velocimacro.permissions.allow.inline", "false");
        RuntimeInstance ri = new RuntimeInstance();
        ri.init(p);
        ri.removeDirective("evaluate");
        return ri;
    }

    static Template compile(RuntimeInstance ri, String text) throws Exception {
        SimpleNode node = ri.parse(new StringReader(text), "template");
        Template t = new Template();
        t.setRuntimeServices(ri);
        t.setName("template");
        t.setData(node);
        t.initDocument();
        return t;
    }

    static String render(Template t, Map<String, Object> vars) {
        VelocityContext ctx = Recorder.context("apigateway");
        for (Map.Entry<String, Object> e : vars.entrySet()) ctx.put(e.getKey(), e.getValue());
        StringWriter w = new StringWriter();
        t.merge(ctx, w);
        return w.toString();
    }

    /**
     * CPU time of this (the timing) thread. The JIT's and the collector's threads run beside
     * it on another core of an idle machine, so this is what wall time would be there, while
     * the other programs of a shared machine are not counted.
     */
    static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** {median, best} CPU seconds per call over the rounds, after warming up for warmup seconds. */
    static double[] measure(Call call, int rounds, double minSeconds, double warmup) throws Exception {
        long start = System.nanoTime();
        long calls = 0;
        while (calls < 3 || System.nanoTime() - start < warmup * 1e9) {
            call.run();
            calls++;
        }
        // rounds are sized from the warm-up's wall time (CPU time may tick coarsely)
        double perCall = (System.nanoTime() - start) / 1e9 / calls;
        long number = Math.max(1, (long) (minSeconds / perCall));
        List<Double> samples = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long t0 = cpu();
            for (long i = 0; i < number; i++) call.run();
            samples.add((cpu() - t0) / 1e9 / number);
        }
        Collections.sort(samples);
        return new double[] {samples.get(samples.size() / 2), samples.get(0)};
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        double minSeconds = Double.parseDouble(args[1]);
        double warmup = Double.parseDouble(args[2]);
        RuntimeInstance ri = runtime();
        for (int i = 3; i + 1 < args.length; i += 2) {
            String name = args[i];
            try {
                String text = new String(Files.readAllBytes(Paths.get(args[i])), StandardCharsets.UTF_8);
                Map<String, Object> event = ApigwRecorder.readJson(Paths.get(args[i + 1]));
                Map<String, Object> vars = ApigwRecorder.variables(event).vars();
                Template t = compile(ri, text);
                String output = render(t, vars);
                double[] renderS = measure(() -> render(t, vars), rounds, minSeconds, warmup);
                double[] compileS = measure(() -> compile(ri, text), rounds, minSeconds, warmup / 2);
                System.out.println("{\"template\": " + Recorder.Json.quote(name)
                        + ", \"output\": " + Recorder.Json.quote(output)
                        + ", \"render_s\": " + renderS[0] + ", \"render_best_s\": " + renderS[1]
                        + ", \"compile_s\": " + compileS[0] + ", \"compile_best_s\": " + compileS[1] + "}");
            } catch (Exception e) {
                System.out.println("{\"template\": " + Recorder.Json.quote(name) + ", \"error\": "
                        + Recorder.Json.quote(e.getClass().getName() + ": " + e.getMessage()) + "}");
            }
            System.out.flush();
        }
    }
}
