package ci.opensearch;

import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexSettings;
import org.opensearch.index.analysis.AbstractTokenFilterFactory;
import org.opensearch.index.analysis.AbstractTokenizerFactory;
import org.opensearch.index.analysis.NormalizingTokenFilterFactory;
import org.opensearch.index.analysis.TokenFilterFactory;
import org.opensearch.index.analysis.TokenizerFactory;
import org.opensearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.opensearch.plugins.AnalysisPlugin;
import org.opensearch.plugins.Plugin;

import com.ibm.icu.text.Normalizer2;

/**
 * CI-only stand-in for OpenSearch's analysis-icu plugin, which is not published to Maven
 * Central. Registers the same names with the default behaviour (no per-index options):
 *   tokenizer     icu_tokenizer  (Lucene ICUTokenizer; dictionary-based words for CJK)
 *   token filter  icu_folding    (ICUFoldingFilter)
 *   token filter  icu_normalizer (NFKC_Casefold)
 * Loaded as a classpath plugin: -pluginTypes ci.opensearch.IcuAnalysisShimPlugin
 */
public class IcuAnalysisShimPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("icu_tokenizer", IcuTokenizerFactory::new);
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("icu_folding", IcuFoldingFactory::new, "icu_normalizer", IcuNormalizerFactory::new);
    }

    static final class IcuTokenizerFactory extends AbstractTokenizerFactory {
        IcuTokenizerFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, settings, name);
        }

        @Override
        public Tokenizer create() {
            return new ICUTokenizer();
        }
    }

    static final class IcuFoldingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        IcuFoldingFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, name, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUFoldingFilter(tokenStream);
        }
    }

    static final class IcuNormalizerFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        IcuNormalizerFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
            super(indexSettings, name, settings);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ICUNormalizer2Filter(tokenStream, Normalizer2.getNFKCCasefoldInstance());
        }
    }
}
