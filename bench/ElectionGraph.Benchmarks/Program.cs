using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace ElectionGraph.Benchmarks;

public static class Program
{
    /// <summary>
    /// One job for every benchmark, sized for a 2-core machine and a full run of a few minutes: one launch,
    /// 3 warmup and 10 measured iterations of about 250 ms each (after BenchmarkDotNet's pilot stage picks
    /// the operations per iteration). Select benchmarks with --filter.
    /// </summary>
    public static IConfig Config { get; } = DefaultConfig.Instance
        .AddJob(Job.Default
            .WithId("Bench")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .AsDefault());

    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, Config);
}
