// The bound for bench/http (issue 11): bare Kestrel answering POST and GET /graphql with the same bytes the API
// answers the results map with, from memory, so the benchmark can say what share of the transport's ceiling the API
// reaches. bench/http/run.sh fetches those bytes from the API once and starts this with them:
// dotnet ElectionGraph.KestrelBound.dll --answer <file> --content-type <the API's Content-Type> --urls http://127.0.0.1:<port>
var builder = WebApplication.CreateSlimBuilder(args);
var answer = File.ReadAllBytes(builder.Configuration["answer"] ?? throw new ArgumentException("--answer <file> is required."));
var contentType = builder.Configuration["content-type"] ?? throw new ArgumentException("--content-type <media type> is required.");

var app = builder.Build();
app.MapMethods("/graphql", [HttpMethods.Get, HttpMethods.Post], async http =>
{
    http.Response.ContentType = contentType;
    http.Response.ContentLength = answer.Length;
    await http.Response.Body.WriteAsync(answer, http.RequestAborted);
});
app.Run();
