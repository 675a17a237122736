//! Step three: the static `EXTENSION` the packager and the hosts read, and one WebAssembly
//! export per widget, both from the same list.

use super::validate::{ConfigParam, Connector, Extension};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

pub(crate) fn extension(extension: &Extension) -> TokenStream {
    let name = &extension.name;
    let storage = extension.storage;
    let whitelisted = &extension.whitelisted_domains;
    let connect_src = &extension.connect_src;
    let connectors = extension.connectors.iter().map(connector);
    // Spanned at the type: one that is not a configuration type is reported there.
    let config = extension.config_type.as_ref().map_or_else(
        || {
            let params = extension.config.iter().map(config);
            quote!(&[#(#params),*])
        },
        |ty| quote_spanned!(ty.span()=> <#ty as ::desk_runtime::config::DeskConfig>::PARAMS),
    );
    let (locales, translations) = crate::translations::expand(&extension.translations);
    let widgets = extension.widgets.iter().map(|widget| {
        let (name, ty, page) = (&widget.name, &widget.ty, &widget.page);
        let entry = widget.entry.to_string();
        let modal = format!(
            "`{ty}` is a modal (`#[desk_widget(modal)]`): list it under `modals: {{ {name}: {ty} }}`, \
             not under `widgets`",
            ty = quote::ToTokens::to_token_stream(&**ty).to_string().replace(' ', ""),
            name = quote::ToTokens::to_token_stream(name),
        )
        // `assert!`'s message is a format string.
        .replace('{', "{{")
        .replace('}', "}}");
        // Spanned at the type: one that is not a widget with a page is reported there, once
        // (`not_modal`'s bound is `of`'s, at the same span), and so is a modal (`of_modal`
        // refuses the reverse with a bound; no bound says "not a modal", the constant does).
        quote_spanned! {ty.span()=>
            {
                const fn not_modal<W: ::desk_runtime::Page>() -> bool {
                    !<W as ::desk_runtime::Widget>::MODAL
                }
                let entry = ::desk_runtime::extension::WidgetEntry::of::<#ty>(#name, #page, #entry);
                ::core::assert!(not_modal::<#ty>(), #modal);
                entry
            }
        }
    });
    let modals = extension.modals.iter().map(|modal| {
        let (name, ty, page) = (&modal.name, &modal.ty, &modal.page);
        let entry = modal.entry.to_string();
        quote_spanned! {ty.span()=>
            ::desk_runtime::extension::WidgetEntry::of_modal::<#ty>(#name, #page, #entry)
        }
    });
    let entries = extension
        .widgets
        .iter()
        .chain(&extension.modals)
        .map(|widget| {
            let (ty, entry) = (&widget.ty, &widget.entry);
            let name = entry.to_string();
            quote!(::desk_runtime::__desk_entry!(#ty, #entry, #name);)
        });
    // What the manifest allows, known to each widget's calls at compile time.
    let members = extension
        .widgets
        .iter()
        .chain(&extension.modals)
        .map(|widget| {
            let (ty, name) = (&widget.ty, &widget.name);
            // Spanned at the type, as each impl below: a type listed twice under two paths
            // (`A`, `inner::A`), which the macro cannot tell apart, is reported at the second,
            // and a type of another crate at itself.
            let configured = extension.config_type.as_ref().map(|config| {
                quote_spanned! {ty.span()=>
                    #[diagnostic::do_not_recommend]
                    impl ::desk_runtime::config::Configured for #ty {
                        type Config = #config;
                    }
                }
            });
            let storage = storage.then(|| {
                quote_spanned! {ty.span()=>
                    #[diagnostic::do_not_recommend]
                    impl ::desk_runtime::extension::StorageEnabled for #ty {}
                }
            });
            let member = quote_spanned! {ty.span()=>
                impl ::desk_runtime::extension::Member for #ty {
                    const EXTENSION: &'static ::desk_runtime::Extension = &EXTENSION;
                    const NAME: &'static str = #name;
                }
            };
            quote! {
                #[diagnostic::do_not_recommend]
                #member
                #storage
                #configured
            }
        });
    quote! {
        /// This crate's extension, declared with `desk_runtime::extension!`.
        pub static EXTENSION: ::desk_runtime::Extension = ::desk_runtime::Extension {
            name: #name,
            widgets: &[#(#widgets),*],
            modals: &[#(#modals),*],
            storage: #storage,
            whitelisted_domains: &[#(#whitelisted),*],
            connect_src: &[#(#connect_src),*],
            connectors: &[#(#connectors),*],
            config: #config,
            locales: #locales,
        };
        #translations
        #(#entries)*
        #(#members)*
    }
}

fn connector(connector: &Connector) -> TokenStream {
    let Connector {
        connection_link_name,
        connection_name,
        service_name,
        user_access,
        is_user_defined_service,
        scope,
    } = connector;
    let user_access = option(user_access.as_ref());
    let is_user_defined_service = option(is_user_defined_service.as_ref());
    quote! {
        ::desk_runtime::extension::Connector {
            connection_link_name: #connection_link_name,
            connection_name: #connection_name,
            service_name: #service_name,
            user_access: #user_access,
            is_user_defined_service: #is_user_defined_service,
            scope: &[#(#scope),*],
        }
    }
}

fn config(param: &ConfigParam) -> TokenStream {
    let name = &param.name;
    let display_name = option(param.display_name.as_ref());
    let description = option(param.description.as_ref());
    let kind = option(
        param
            .kind
            .as_ref()
            .map(|variant| quote!(::desk_runtime::extension::ConfigType::#variant))
            .as_ref(),
    );
    let secure = option(param.secure.as_ref());
    let mandatory = option(param.mandatory.as_ref());
    let user_defined = option(param.user_defined.as_ref());
    quote! {
        ::desk_runtime::extension::ConfigParam {
            name: #name,
            display_name: #display_name,
            description: #description,
            kind: #kind,
            secure: #secure,
            mandatory: #mandatory,
            user_defined: #user_defined,
        }
    }
}

fn option<T: quote::ToTokens>(value: Option<&T>) -> TokenStream {
    value.map_or_else(
        || quote!(::core::option::Option::None),
        |value| quote!(::core::option::Option::Some(#value)),
    )
}
