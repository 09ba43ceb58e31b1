using GraphQL;

namespace ElectionGraph.Api.Webhooks;

/// <summary>A webhook operation refused; the message says why.</summary>
public sealed class WebhookError : ExecutionError
{
    /// <summary>A registration whose URL, document or variables the server will not take.</summary>
    public const string Invalid = "INVALID_WEBHOOK";

    public const string NotFound = "NOT_FOUND";

    /// <summary>The key has as many webhooks as it may.</summary>
    public const string TooMany = "TOO_MANY_WEBHOOKS";

    public WebhookError(string code, string message) : base(message) => Code = code;

    public static WebhookError NotRegistered(string problem) => new(Invalid, "The webhook was not registered: " + problem);
}
