using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Primitives;

namespace FukushiIryo.Web.Tests;

/// <summary>The shared date binder (ADR 0038), without a web app: what it reads, and the message it leaves.</summary>
public sealed class JapaneseDateModelBinderTests
{
    [Theory]
    [InlineData("2026-08-01")]
    [InlineData("2026/8/1")]
    [InlineData("20260801")]
    [InlineData("R8.8.1")]
    [InlineData("R08.08.01")]
    [InlineData("令和8年8月1日")]
    [InlineData("２０２６－０８－０１")]
    [InlineData(" 令和８年８月１日 ")]
    public async Task Every_form_staff_type_reads_as_the_first_of_august_2026(string typed)
    {
        var (context, state) = Context(typed);

        await new JapaneseDateModelBinder().BindModelAsync(context);

        Assert.True(context.Result.IsModelSet);
        Assert.Equal(new DateOnly(2026, 8, 1), context.Result.Model);
        Assert.Equal(0, state.ErrorCount);
    }

    [Theory]
    [InlineData("R8.2.30")]
    [InlineData("2026-02-30")]
    [InlineData("8/1")]
    [InlineData("あした")]
    public async Task A_date_that_cannot_be_read_leaves_the_japanese_message_under_the_field(string typed)
    {
        var (context, state) = Context(typed);

        await new JapaneseDateModelBinder().BindModelAsync(context);

        Assert.False(context.Result.IsModelSet);
        Assert.StartsWith("日付が正しくありません（", FormDates.Error(state, "PayDate"), StringComparison.Ordinal);
        Assert.Equal(typed, FormDates.Value(state, "PayDate", null));
    }

    [Fact]
    public async Task An_empty_field_is_unset_without_a_message()
    {
        var (context, state) = Context("  ");

        await new JapaneseDateModelBinder().BindModelAsync(context);

        Assert.False(context.Result.IsModelSet);
        Assert.Equal(0, state.ErrorCount);
    }

    [Fact]
    public void The_provider_binds_DateOnly_and_nullable_DateOnly_only()
    {
        var provider = new JapaneseDateModelBinderProvider();
        var metadata = new EmptyModelMetadataProvider();

        Assert.IsType<JapaneseDateModelBinder>(provider.GetBinder(new TestProviderContext(metadata.GetMetadataForType(typeof(DateOnly)))));
        Assert.IsType<JapaneseDateModelBinder>(provider.GetBinder(new TestProviderContext(metadata.GetMetadataForType(typeof(DateOnly?)))));
        Assert.Null(provider.GetBinder(new TestProviderContext(metadata.GetMetadataForType(typeof(string)))));
        Assert.Null(provider.GetBinder(new TestProviderContext(metadata.GetMetadataForType(typeof(DateTime)))));
    }

    private static (ModelBindingContext Context, ModelStateDictionary State) Context(string typed)
    {
        var actionContext = new ActionContext { HttpContext = new DefaultHttpContext() };
        var values = new QueryStringValueProvider(BindingSource.Query, new QueryCollection(new Dictionary<string, StringValues> { ["PayDate"] = typed }), CultureInfo.InvariantCulture);
        var metadata = new EmptyModelMetadataProvider().GetMetadataForType(typeof(DateOnly?));
        var context = DefaultModelBindingContext.CreateBindingContext(actionContext, values, metadata, bindingInfo: null, modelName: "PayDate");
        return (context, actionContext.ModelState);
    }

    private sealed class TestProviderContext(ModelMetadata metadata) : ModelBinderProviderContext
    {
        public override BindingInfo BindingInfo { get; } = new();

        public override ModelMetadata Metadata { get; } = metadata;

        public override IModelMetadataProvider MetadataProvider { get; } = new EmptyModelMetadataProvider();

        public override IModelBinder CreateBinder(ModelMetadata metadata) => throw new NotSupportedException();
    }
}
