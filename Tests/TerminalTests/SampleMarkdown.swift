/// A lesson-like Markdown text using every construct the renderer supports, shared by the
/// rendering tests.
enum SampleMarkdown {
    static let everything = """
        # Filters and padding

        A *filter* (or **kernel**) slides over the image; ~~convolution~~ PyTorch computes
        cross-correlation. Call `conv2d(x, w, padding=1)` and see [the docs](https://pytorch.org/docs).
        Math stays text: $y_{ij} = \\sum_{m,n} x_{i+m,j+n} w_{mn}$.

        ## Output size

        1. Start with the input size $n$.
        2. Add twice the padding:
           - `padding=1` adds one row and column on each side
           - nested items wrap with a hanging indent under their own marker
        3. Subtract the kernel size and add one.

        > A 3×3 filter with padding 1 keeps the size.
        > Quotes can hold **strong** text.

        | kernel | padding | output |
        |:-------|:-------:|-------:|
        | 3 | 0 | 6 |
        | 3 | 1 | 8 |
        | 5 | 2 | 8 (same size as the input, which is what `'same'` means) |

        ```cnn
        x = randn(1, 1, 8, 8)
        conv2d(x, ones(1, 1, 3, 3), padding=1).shape
        ```

        ---

        ### 합성곱

        합성곱 신경망은 작은 필터를 이미지 위로 움직이며 각 위치에서 곱한 값을 모두 더합니다. 패딩을 \
        쓰면 출력의 크기를 입력과 같게 유지할 수 있습니다.

        ![a 3×3 kernel](kernel.png) and <https://example.com/autolink>.
        """
}
