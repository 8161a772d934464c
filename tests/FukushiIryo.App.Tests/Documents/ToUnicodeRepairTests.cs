using FukushiIryo.App.Documents;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>PDFsharp 6.2.4 writes 𠮷 into a ToUnicode CMap as &lt;20BB7&gt;; the repair writes UTF-16.</summary>
public sealed class ToUnicodeRepairTests
{
    [Theory]
    [InlineData("<8092><8092><20BB7>", "<8092><8092><D842DFB7>")]
    [InlineData("<0010><0010><2000B>", "<0010><0010><D840DC0B>")]
    [InlineData("<4A44><4A44><7530>", "<4A44><4A44><7530>")]
    [InlineData("<0197><8092>", "<0197><8092>")]
    public void Destinations_above_the_bmp_become_surrogate_pairs_and_the_rest_stays(string line, string expected) =>
        Assert.Equal(expected, ToUnicodeRepair.RepairCMap(line));
}
