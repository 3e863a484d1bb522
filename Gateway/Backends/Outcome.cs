namespace Gateway.Backends;

/// <summary>A value or the failure that stopped it: how adapters report bad upstream answers without throwing.</summary>
internal readonly record struct Outcome<T>
{
    public T? Value { get; private init; }
    public UpstreamFailure? Failure { get; private init; }

    public bool IsSuccess => Failure is null;

    public static Outcome<T> Ok(T value) => new() { Value = value };

    public static Outcome<T> Fail(UpstreamFailure failure) => new() { Failure = failure };

    public static implicit operator Outcome<T>(UpstreamFailure failure) => Fail(failure);
}
