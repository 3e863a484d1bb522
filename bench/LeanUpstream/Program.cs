using LeanUpstream;

if (!UpstreamOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(UpstreamOptions.Usage);
    return 2;
}

await UpstreamServer.Build(options).RunAsync();
return 0;
