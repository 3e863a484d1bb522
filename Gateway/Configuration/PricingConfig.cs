namespace Gateway.Configuration;

/// <summary>List price of one model in US dollars per million tokens (<c>pricing.&lt;model&gt;</c>).</summary>
internal sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion);
