package dev.lakeside.samples.bootbench;

import dev.lakeside.local.LocalLakehouse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures, as ratios within one run: the starter's startup overhead (the same app with and without Lakeside's
 * auto-configuration, against an already running lakehouse, and with the in-process one), and requests per second
 * with tracking on against off. Not a test: {@code java -cp … BootMeasurements [rounds]}.
 */
public final class BootMeasurements {
    private static final String EXCLUDE = "--spring.autoconfigure.exclude="
            + "dev.lakeside.spring.boot.LakesideAutoConfiguration,dev.lakeside.spring.boot.LakesideHealthAutoConfiguration";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        try (LocalLakehouse lakehouse =
                LocalLakehouse.builder().port(0).threads(2).user("b", "b").start()) {
            String[] remote = {
                "--lakeside.url=" + lakehouse.baseUri(),
                "--lakeside.username=b",
                "--lakeside.password=b",
                "--lakeside.schema-action=create"
            };
            long[] without = new long[rounds];
            long[] withRemote = new long[rounds];
            long[] withLocal = new long[rounds];
            startup(new String[] {EXCLUDE}); // warm the JVM once
            for (int i = 0; i < rounds; i++) {
                without[i] = startup(new String[] {EXCLUDE});
                withRemote[i] = startup(remote);
                withLocal[i] = startup(new String[] {"--lakeside.schema-action=create"});
            }
            System.out.printf(
                    "startup ms (median of %d): without Lakeside %.0f, with (URL set) %.0f = %.2fx, "
                            + "with (in-process lakehouse) %.0f = %.2fx%n",
                    rounds,
                    median(without) / 1e6,
                    median(withRemote) / 1e6,
                    median(withRemote) / median(without),
                    median(withLocal) / 1e6,
                    median(withLocal) / median(without));

            String[] throughputArgs = Arrays.copyOf(remote, remote.length + 2);
            throughputArgs[remote.length] = "--server.port=0";
            throughputArgs[remote.length + 1] = "--logging.level.root=WARN";
            try (ConfigurableApplicationContext app =
                    new SpringApplication(BenchApplication.class).run(throughputArgs)) {
                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                HttpClient http = HttpClient.newHttpClient();
                ExecutorService threads = Executors.newFixedThreadPool(4);
                requests(http, threads, port, "untracked", 2_000); // warm-up
                requests(http, threads, port, "tracked", 2_000);
                double[] on = new double[rounds];
                double[] off = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    off[i] = requests(http, threads, port, "untracked", 4_000);
                    on[i] = requests(http, threads, port, "tracked", 4_000);
                }
                threads.shutdown();
                System.out.printf(
                        "requests/s (median of %d, 4 client threads): tracking off %.0f, on %.0f = %.2fx%n",
                        rounds, median(off), median(on), median(on) / median(off));
            }
        }
    }

    private static long startup(String[] args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--server.port=0";
        all[args.length + 1] = "--logging.level.root=WARN";
        long start = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplication(BenchApplication.class).run(all);
        long elapsed = System.nanoTime() - start;
        context.close();
        return elapsed;
    }

    private static double requests(HttpClient http, ExecutorService threads, int port, String path, int count)
            throws Exception {
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = thread; i < count; i += 4) {
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/" + path + "/p" + (i % 50)))
                            .build();
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
