package dev.fleet.autoscaler.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Synthetic job traces for {@code fleet simulate}, one per {@link Profile}. Day 0 starts at {@link Simulator#START},
 * a Monday at midnight UTC; days 5 and 6 of each week are the weekend. The same profile, days and seed always give
 * the same trace.
 *
 * <p>Labels: most jobs ask for {@code self-hosted, linux, x64}, one in ten for {@code self-hosted} alone (both fit the
 * default pool); in {@code busy-monorepo} about 5% of the jobs also ask for {@code gpu}, which the default pool lacks.
 *
 * <ul>
 *   <li>{@code quiet}: a small repository. 15 to 30 jobs a weekday, 0 to 4 a weekend day, all pushed between 09:00 and
 *       18:00 UTC; a push starts 1 job (70%), 2 (20%) or 3 (10%) within 5 s. Durations are lognormal around a 3 min
 *       median, kept within 1 to 8 min.
 *   <li>{@code busy-monorepo}: 1,500 to 3,000 jobs a weekday, 150 to 500 a weekend day. Pushes are a Poisson process
 *       whose rate follows the working day (peak 09:00 to 17:00 UTC, a tenth of that at night; weekends flatter):
 *       given the day's push count, push times are independent draws from that hourly profile. Each push queues a
 *       matrix of 4 to 30 jobs within 5 s. Durations are lognormal, median 6 min, long tail cut at 40 min.
 *   <li>{@code nightly}: every night at 02:00 UTC a batch of 150 to 300 jobs queued within a minute, each running 10 to
 *       45 min (uniform); by day a trickle of single jobs like {@code quiet}'s, 10 to 30 a weekday and 0 to 5 a weekend
 *       day between 08:00 and 20:00 UTC.
 *   <li>{@code steady}: a pool shared by many small workflows (linters, bots, single-job CI). 600 to 900 runs a
 *       weekday and 60 to 150 a weekend day, timed like {@code busy-monorepo}'s pushes (about one a minute at the
 *       weekday peak); a run queues 1 job (80%) or 2 within 5 s, durations like {@code quiet}'s.
 * </ul>
 */
public final class TraceGenerator {

    /** A kind of workload; {@link #cliName()} is how {@code fleet simulate} spells it. */
    public enum Profile {
        QUIET, BUSY_MONOREPO, NIGHTLY, STEADY;

        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Profile parse(String text) {
            return Arrays.stream(values())
                    .filter(profile -> profile.cliName().equalsIgnoreCase(text.trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown trace profile '" + text + "'; use one of "
                            + Arrays.stream(values()).map(Profile::cliName).collect(Collectors.joining(", "))));
        }
    }

    /** As many days as a trace may span. */
    public static final int MAX_DAYS = (int) TraceJob.MAX_QUEUED_AT.toDays();

    static final Set<String> POOL = Set.of("self-hosted", "linux", "x64");
    static final Set<String> SELF_HOSTED = Set.of("self-hosted");
    static final Set<String> GPU = Set.of("self-hosted", "linux", "x64", "gpu");

    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    /** A push's jobs are all queued within this long of the push. */
    private static final long PUSH_SPREAD = 5 * SECOND;

    /** Relative push rate by UTC hour: busy working hours, a lunch dip, quiet nights. */
    private static final double[] WEEKDAY_HOURS = {
        1, 1, 1, 1, 1, 1, 3, 3, 6, 10, 10, 10, 7, 10, 10, 10, 10, 6, 6, 3, 3, 3, 1.5, 1.5};
    private static final double[] WEEKEND_HOURS = {
        1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1, 1};

    public Trace generate(Profile profile, int days, long seed) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("a trace covers 1 to " + MAX_DAYS + " days, was " + days);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<TraceJob> jobs = new ArrayList<>();
        Consumer<Day> shape = switch (profile) {
            case QUIET -> TraceGenerator::quiet;
            case BUSY_MONOREPO -> TraceGenerator::busyMonorepo;
            case NIGHTLY -> TraceGenerator::nightly;
            case STEADY -> TraceGenerator::steady;
        };
        for (int day = 0; day < days; day++) {
            shape.accept(new Day(day * DAY, day % 7 < 5, random, jobs));
        }
        return new Trace(jobs);
    }

    private static void quiet(Day day) {
        int target = day.weekday ? day.between(15, 30) : day.between(0, 4);
        for (int count = 0; count < target; ) {
            long push = day.uniform(9 * HOUR, 18 * HOUR - PUSH_SPREAD);
            double draw = day.random.nextDouble();
            int size = Math.min(draw < 0.7 ? 1 : draw < 0.9 ? 2 : 3, target - count);
            for (int i = 0; i < size; i++) {
                day.add(push + day.random.nextLong(PUSH_SPREAD), day.shortJob(), day.normalLabels());
            }
            count += size;
        }
    }

    private static void busyMonorepo(Day day) {
        int target = day.weekday ? day.between(1_500, 3_000) : day.between(150, 500);
        double[] hours = day.weekday ? WEEKDAY_HOURS : WEEKEND_HOURS;
        for (int count = 0; count < target; ) {
            long push = day.hourly(hours);
            int size = Math.min(day.between(4, 30), target - count);
            for (int i = 0; i < size; i++) {
                long duration = day.lognormal(6 * MINUTE, 0.65, 20 * SECOND, 40 * MINUTE);
                Set<String> labels = day.random.nextDouble() < 0.05 ? GPU : day.normalLabels();
                day.add(push + day.random.nextLong(PUSH_SPREAD), duration, labels);
            }
            count += size;
        }
    }

    private static void nightly(Day day) {
        int batch = day.between(150, 300);
        for (int i = 0; i < batch; i++) {
            day.add(2 * HOUR + day.random.nextLong(MINUTE), day.uniform(10 * MINUTE, 45 * MINUTE), day.normalLabels());
        }
        int trickle = day.weekday ? day.between(10, 30) : day.between(0, 5);
        for (int i = 0; i < trickle; i++) {
            day.add(day.uniform(8 * HOUR, 20 * HOUR), day.shortJob(), day.normalLabels());
        }
    }

    private static void steady(Day day) {
        int runs = day.weekday ? day.between(600, 900) : day.between(60, 150);
        double[] hours = day.weekday ? WEEKDAY_HOURS : WEEKEND_HOURS;
        for (int run = 0; run < runs; run++) {
            long push = day.hourly(hours);
            int size = day.random.nextInt(5) == 0 ? 2 : 1;
            for (int i = 0; i < size; i++) {
                day.add(push + day.random.nextLong(PUSH_SPREAD), day.shortJob(), day.normalLabels());
            }
        }
    }

    /** One day of a trace being generated; times are milliseconds into the day. */
    private static final class Day {
        final long start;
        final boolean weekday;
        final SplittableRandom random;
        final List<TraceJob> jobs;

        Day(long start, boolean weekday, SplittableRandom random, List<TraceJob> jobs) {
            this.start = start;
            this.weekday = weekday;
            this.random = random;
            this.jobs = jobs;
        }

        void add(long at, long duration, Set<String> labels) {
            jobs.add(new TraceJob(Duration.ofMillis(start + at), Duration.ofMillis(duration), labels));
        }

        int between(int least, int most) {
            return random.nextInt(least, most + 1);
        }

        long uniform(long from, long to) {
            return random.nextLong(from, to);
        }

        /** A push time drawn from the relative hourly rates, leaving room for the push's jobs before midnight. */
        long hourly(double[] rates) {
            double draw = random.nextDouble() * Arrays.stream(rates).sum();
            int hour = 0;
            while (draw >= rates[hour] && hour < rates.length - 1) {
                draw -= rates[hour];
                hour++;
            }
            return uniform(hour * HOUR, (hour + 1) * HOUR - PUSH_SPREAD);
        }

        long lognormal(long median, double sigma, long least, long most) {
            long drawn = Math.round(median * Math.exp(sigma * random.nextGaussian()));
            return Math.max(least, Math.min(most, drawn));
        }

        long shortJob() {
            return lognormal(3 * MINUTE, 0.5, MINUTE, 8 * MINUTE);
        }

        Set<String> normalLabels() {
            return random.nextInt(10) == 0 ? SELF_HOSTED : POOL;
        }
    }
}
