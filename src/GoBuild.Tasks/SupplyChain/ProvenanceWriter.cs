using System;
using System.Collections.Generic;
using System.Linq;

namespace GoBuild.Tasks.SupplyChain;

/// <summary>
/// Writes the provenance of one output: an in-toto Statement v1 whose subject is the output (name,
/// sha256) and whose predicate is SLSA provenance v1: the external parameters of the build (main
/// package, GOOS/GOARCH, build mode, tags, ldflags, trimpath, cgo), every build setting go
/// recorded, the SDK as the builder with its version, and the resolved dependencies: the
/// toolchain (archive name and SHA-256 from the SDK's cache marker) and every linked module with
/// its go.sum hash (in-toto's <c>dirHash</c>). Deterministic: no timestamps, no invocation ID, no
/// paths of the machine that built it.
/// </summary>
public static class ProvenanceWriter
{
    /// <summary>The in-toto statement type.</summary>
    public const string StatementType = "https://in-toto.io/Statement/v1";

    /// <summary>The SLSA provenance predicate type.</summary>
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>This SDK's build type: what the external parameters mean (docs/supply-chain.md).</summary>
    public const string BuildType = "urn:gobuild-sdk:go-build:v1";

    /// <summary>The statement's bytes.</summary>
    public static byte[] Write(BuiltOutput output)
    {
        GoBuildInfo info = output.Info;
        var external = new JsonObject()
            .Add("package", info.MainPackage)
            .Add("goos", info.Setting("GOOS"))
            .Add("goarch", info.Setting("GOARCH"))
            .Add("buildMode", output.BuildMode)
            .Add("tags", info.Setting("-tags").Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).ToList())
            .Add("ldflags", info.Setting("-ldflags"))
            .Add("trimpath", info.Setting("-trimpath") == "true")
            .Add("cgo", info.Setting("CGO_ENABLED") == "1");
        var settings = new JsonObject();
        foreach (KeyValuePair<string, string> setting in info.Settings)
        {
            settings.Add(setting.Key, setting.Value);
        }

        var internalParameters = new JsonObject()
            .Add("goVersion", info.GoVersion)
            .Add("buildSettings", settings);

        var dependencies = new List<JsonObject>();
        var toolchain = new JsonObject()
            .Add("name", output.Toolchain?.FileName ?? info.GoVersion.Split(' ')[0])
            .Add("uri", "pkg:golang/toolchain@v" + output.GoVersionNumber)
            .Add("digest", output.Toolchain == null ? null : new JsonObject().Add("sha256", output.Toolchain.Sha256))
            .Add("annotations", output.Toolchain == null ? new JsonObject().Add("source", "GoToolchainRoot: a GOROOT the SDK did not download or verify") : null);
        dependencies.Add(toolchain);
        foreach (GoBuildInfoModule module in output.Modules)
        {
            string? digest = output.ModuleDigest(module);
            dependencies.Add(new JsonObject()
                .Add("name", module.Path)
                .Add("uri", BuiltOutput.Purl(module.Path, module.Version))
                .Add("digest", digest == null ? null : new JsonObject().Add("dirHash", digest)));
        }

        var statement = new JsonObject()
            .Add("_type", StatementType)
            .Add("subject", new[] { new JsonObject().Add("name", output.FileName).Add("digest", new JsonObject().Add("sha256", output.Sha256)) })
            .Add("predicateType", PredicateType)
            .Add("predicate", new JsonObject()
                .Add("buildDefinition", new JsonObject()
                    .Add("buildType", BuildType)
                    .Add("externalParameters", external)
                    .Add("internalParameters", internalParameters)
                    .Add("resolvedDependencies", dependencies))
                .Add("runDetails", new JsonObject()
                    .Add("builder", new JsonObject()
                        .Add("id", "pkg:nuget/GoBuild.Sdk" + (output.SdkVersion.Length > 0 ? "@" + Uri.EscapeDataString(output.SdkVersion) : string.Empty))
                        .Add("version", new JsonObject().Add("GoBuild.Sdk", output.SdkVersion)))
                    .Add("metadata", new JsonObject())));
        return CanonicalJson.Serialize(statement);
    }
}
