using FukushiIryo.App.Income;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Tests.Income;

public sealed class TaxLayoutTests
{
    [Fact]
    public void The_built_in_tax_layout_has_exactly_the_59_items_of_the_tax_record_in_order()
    {
        var specs = ImportLayout.ColumnSpecs("tax");
        Assert.Equal(["宛名番号", "課税年度", "未申告"], specs.Take(3).Select(s => s.Name));
        Assert.Equal(TaxItems.All.Select(item => item.Name), specs.Skip(3).Select(s => s.Name));
        Assert.Equal(59, specs.Count - 3);
    }
}
