using System.Text;
using FukushiIryo.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
return await FukushiCli.RunAsync(args, CliEnvironment.Process).ConfigureAwait(false);
