using StreamProbe;

// The benchmark's own client, for what wrk cannot measure: time to first token and gaps between stream events, exact-count load
// (memory soak), cold start, the gateway's allocation counters, and the final table.
var (command, options) = ProbeArgs.Parse(args);
try
{
    return command switch
    {
        "wait" => await WaitCommand.RunAsync(options),
        "load" => await LoadCommand.RunAsync(options),
        "stream" => await StreamCommand.RunAsync(options),
        "coldstart" => await ColdStartCommand.RunAsync(options),
        "stats" => StatsCommand.Run(options),
        "report" => ReportCommand.Run(options),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"StreamProbe {command}: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: StreamProbe <command> [--option value ...]
          wait      --url U [--timeout-s 30]                         until U answers HTTP at all
          load      --url U --body-file F --connections C (--requests N | --duration-s D)
          stream    --url U --body-file F --requests N [--warmup W] [--expect-events E] [--interval-ms I]
          coldstart --url U --body-file F [--timeout-s 30] --exe PATH [--args "a b c"]
          stats     --socket PATH                                     the gateway's counters (bench/StatsHook)
          report    --results FILE [--smoke true] [--client wrk|probe] [--rounds N] [--duration-s D]
        """);
    return 2;
}
